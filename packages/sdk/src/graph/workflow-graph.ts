import type { Budget } from '../options/budget.js';
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
  /** When it runs given its dependencies' outcomes (`@Step({ join })`); absent means `'all'`. Never on a root. */
  join?: 'any' | 'allSettled';
  /** For a route with back edges: how many passes its loops may run (`@Route(targets, { maxIterations })`). */
  maxIterations?: number;
  /**
   * For a route with back edges: its targets declared before it, in declaration order. Choosing one starts a
   * new pass of its loop (see {@link WorkflowGraph.loops}); unlike the other targets, they do not depend on
   * the route, so `dependsOn` has no cycle.
   */
  backTargets?: string[];
  /** For a `@WaitFor` step: the signal it waits for once ready, and how (absent for other steps). */
  wait?: StepWait;
  /**
   * For a `@Delay` step: how long it waits once ready, in milliseconds, or `{ dynamic: true }` when a
   * function of its context computes it at run time (absent for other steps).
   */
  delay?: StepDelay;
}

/** What a `@WaitFor` step waits for. Plain JSON. */
export interface StepWait {
  /** The signal's name. */
  signal: string;
  /** How long the step waits before failing with `SignalTimeoutError`, in milliseconds; absent means no bound. */
  timeoutMs?: number;
  /** The name of the class the payload is validated against; absent when the payload is passed as given. */
  payload?: string;
}

/** How long a `@Delay` step waits once ready: a fixed number of milliseconds, or computed at run time. Plain JSON. */
export type StepDelay = { ms: number } | { dynamic: true };

/** A loop: a route's back edge, and the steps a new pass runs again. Plain JSON. */
export interface LoopNode {
  /** The route whose choice of {@link LoopNode.target} starts a new pass. */
  router: string;
  /** The back target: where each new pass starts (every other body step depends on it, directly or not). */
  target: string;
  /** The body: the target, the router, and every step on a path between them, in declaration order. */
  body: string[];
  /** How many passes the body may run. */
  maxIterations: number;
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
  /**
   * The loops (route back edges), in the order of their routes; absent when there are none. Two loops'
   * bodies are either disjoint or one contains the other.
   */
  loops?: LoopNode[];
  /** What a run may spend (`@Workflow({ budget })`), keys in the order steps, tokens, costUsd; absent when no cap is set. */
  budget?: Budget;
  /** Every signal name a step waits for (`@WaitFor`), sorted and unique; absent when no step waits. */
  signals?: string[];
}
