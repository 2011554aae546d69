import type { BackoffKind } from '../options/retry-options.js';

/** What kind of node a step is. */
export type StepKind = 'step' | 'route' | 'forEach';

/** A step's retry policy with every default filled in. */
export interface CompiledRetryPolicy {
  /** Every attempt including the first. */
  attempts: number;
  /** How the delay grows between attempts. */
  backoff: BackoffKind;
  /** The first delay, in milliseconds. */
  delay: number;
  /** The largest delay, in milliseconds; absent means no cap. */
  maxDelay?: number;
  /** Fraction of each delay that is randomised: 0 is none, 1 is full jitter. */
  jitter: number;
}

/** One step of a {@link WorkflowGraph}. Plain JSON. */
export interface StepNode {
  /** The step's name (its method name). */
  name: string;
  /** `'route'` for `@Route` steps, `'forEach'` for dynamic fan-out, `'step'` otherwise. */
  kind: StepKind;
  /** The steps this one waits for, in declaration order. */
  dependsOn: string[];
  /** For a route: the targets it may choose. */
  routes?: string[];
  /** The `@Parallel` group this step belongs to. */
  group?: string;
  /** The retry policy (one attempt when there is no `@Retry`). */
  retry: CompiledRetryPolicy;
  /** The per-attempt timeout, in milliseconds. */
  timeoutMs?: number;
  /** Whether the step has a `@Fallback`. */
  fallback: boolean;
  /** For a forEach step: how many items run at once (absent means no bound). */
  concurrency?: number;
  /** The step's description. */
  description?: string;
}

/**
 * A compiled workflow: plain JSON, identical in every process, and sent as is to the dashboard.
 * Steps are in declaration order.
 */
export interface WorkflowGraph {
  /** The registered name. */
  name: string;
  /** The version label (a hash of the graph unless `@Workflow({ version })` sets one). */
  version: string;
  /** The workflow's description. */
  description?: string;
  /** The name of the input class, when there is one. */
  input?: string;
  /** The step whose value is the run's output, when set. */
  output?: string;
  /** The bound on the whole run, in milliseconds. */
  timeoutMs?: number;
  /** Every step in declaration order. */
  steps: StepNode[];
}
