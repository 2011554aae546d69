/** Where an error happened: the workflow, step and run it concerns, when known. */
export interface BatonErrorContext {
  /** The workflow (its registered name, or its class name for definition errors). */
  readonly workflow?: string;
  /** The step (method name). */
  readonly step?: string;
  /** The run id. */
  readonly runId?: string;
  /** The error that caused this one. */
  readonly cause?: unknown;
}

/** A plain, JSON-safe description of an error, as stored in run snapshots and sent over the wire. */
export interface SerializedError {
  /** The error's class name, e.g. `StepTimeoutError`. */
  name: string;
  /** The human-readable message. */
  message: string;
  /** The stable machine-readable code of a {@link BatonError}, when it is one. */
  code?: string;
  /** The stack trace, when one was captured. */
  stack?: string;
  /** Why a run was cancelled (a `RunCancelledError`'s `reason`), when one was given. */
  reason?: string;
  /**
   * A Baton error's own facts beyond its message (e.g. a `BudgetExceededError`'s `budget`, `cap` and
   * `spent`), so a revived error has them too.
   */
  details?: Record<string, ErrorDetail>;
}

/** A JSON-safe fact of an error: a string, number, boolean, or list of strings. */
export type ErrorDetail = string | number | boolean | string[];

const NOT_DETAILS = new Set(['name', 'message', 'stack', 'code', 'reason', 'workflow', 'step', 'runId', 'cause']);

/** A Baton error's own JSON-safe fields other than the standard ones. */
function detailsOf(error: BatonError): Record<string, ErrorDetail> | undefined {
  let details: Record<string, ErrorDetail> | undefined;
  for (const [key, value] of Object.entries(error)) {
    if (NOT_DETAILS.has(key)) continue;
    const safe =
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (safe) (details ??= {})[key] = Array.isArray(value) ? [...value] : value;
  }
  return details;
}

/**
 * The base of every error Baton throws. Each subclass has a stable `name` and a string-literal `code`,
 * and carries the workflow, step and run it concerns so that a log line alone locates the problem.
 */
export abstract class BatonError extends Error {
  /** A stable, machine-readable identifier of the kind of error (e.g. `'STEP_TIMEOUT'`). */
  abstract readonly code: string;
  /** The workflow concerned, when known. */
  readonly workflow?: string;
  /** The step concerned, when known. */
  readonly step?: string;
  /** The run concerned, when known. */
  readonly runId?: string;

  protected constructor(message: string, context: BatonErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    if (context.workflow !== undefined) this.workflow = context.workflow;
    if (context.step !== undefined) this.step = context.step;
    if (context.runId !== undefined) this.runId = context.runId;
  }
}

/** Turns any thrown value into a {@link SerializedError}, keeping `name`, `message`, `code` and `stack`. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const serialized: SerializedError = { name: error.name, message: error.message };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') serialized.code = code;
    const reason = (error as { reason?: unknown }).reason;
    if (typeof reason === 'string') serialized.reason = reason;
    if (error.stack !== undefined) serialized.stack = error.stack;
    const details = error instanceof BatonError ? detailsOf(error) : undefined;
    if (details) serialized.details = details;
    return serialized;
  }
  return { name: 'NonErrorThrown', message: `A non-Error value was thrown: ${describeValue(error)}` };
}

/** Renders a value for an error message: strings quoted, objects as short JSON, functions by name. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (value === undefined) return 'undefined';
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
