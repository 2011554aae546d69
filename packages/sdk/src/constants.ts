/** Metadata key under which `@Workflow` stores its options on the class. */
export const WORKFLOW_METADATA = 'baton:workflow';
/** Metadata key under which `@Step` stores its options on a method. */
export const STEP_METADATA = 'baton:step';
/** Metadata key under which `@Route` stores its targets and options on a method. */
export const ROUTE_METADATA = 'baton:route';
/** Metadata key under which `@Parallel` stores its group or forEach options on a method. */
export const PARALLEL_METADATA = 'baton:parallel';
/** Metadata key under which `@Retry` stores its policy on a method. */
export const RETRY_METADATA = 'baton:retry';
/** Metadata key under which `@Timeout` stores its limit on a method. */
export const TIMEOUT_METADATA = 'baton:timeout';
/** Metadata key under which `@Fallback` stores its handler on a method. */
export const FALLBACK_METADATA = 'baton:fallback';
/** Metadata key under which `@WaitFor` stores its signal name and options on a method. */
export const WAIT_FOR_METADATA = 'baton:wait-for';
/** Metadata key under which `@Delay` stores its delay on a method. */
export const DELAY_METADATA = 'baton:delay';
/** Metadata key listing, on a prototype, every member name a Baton decorator was applied to. */
export const MEMBER_NAMES_METADATA = 'baton:members';
/** Metadata key under which decorators record misuse (e.g. on a static member) for the compiler to report. */
export const MISUSE_METADATA = 'baton:misuse';

/** Every method-level metadata key, in the order the compiler reports them. */
export const METHOD_METADATA_KEYS = [
  STEP_METADATA,
  ROUTE_METADATA,
  PARALLEL_METADATA,
  RETRY_METADATA,
  TIMEOUT_METADATA,
  FALLBACK_METADATA,
  WAIT_FOR_METADATA,
  DELAY_METADATA,
] as const;

/** Default number of attempts of a step without `@Retry`. */
export const DEFAULT_ATTEMPTS = 1;
/** Default `@Retry` backoff. */
export const DEFAULT_BACKOFF = 'exponential';
/** Default first retry delay in milliseconds. */
export const DEFAULT_RETRY_DELAY_MS = 1000;
/** The largest delay or timeout a Node timer can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2_147_483_647;
/** The pattern of a signal name (`@WaitFor(name)`): safe in URLs, Redis keys and event names. */
export const SIGNAL_NAME_PATTERN = /^[A-Za-z0-9._-]+$/;
/** The longest signal name, in characters. */
export const MAX_SIGNAL_NAME_LENGTH = 100;
/** The largest `@Route({ maxIterations })`: a cap on loop passes, not a way to loop forever. */
export const MAX_ITERATIONS = 10_000;
