import type { JoinPolicy } from '../options/step-options.js';
import type { CompiledStep } from './compiled-workflow.js';
import type { CompiledRetryPolicy, StepDelay, StepKind, StepWait } from './workflow-graph.js';

/** A step as read from its decorators, before dependencies are resolved. */
export interface StepDraft {
  name: string;
  kind: StepKind;
  /** Explicit `after`, when given. */
  after?: string[];
  /** Route targets, for a route. */
  routes?: string[];
  /** Static `@Parallel` membership: `null` for an unnamed group, the name for a named one. */
  parallelGroup?: string | null;
  concurrency?: number;
  retry: CompiledRetryPolicy;
  timeoutMs?: number;
  description?: string;
  /** `join` as given (including `'all'`, so that a join on a root can be reported). */
  join?: JoinPolicy;
  /** `@Route({ maxIterations })`; `null` when given but invalid (already reported). */
  maxIterations?: number | null;
  /** `@WaitFor`, when given and valid. */
  wait?: StepWait;
  /** `@Delay`, when given and valid. */
  delay?: StepDelay;
  /** The code parts handed to the runtime. */
  code: CompiledStep;
}
