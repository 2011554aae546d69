import 'reflect-metadata';

export {
  WORKFLOW_METADATA,
  STEP_METADATA,
  ROUTE_METADATA,
  PARALLEL_METADATA,
  RETRY_METADATA,
  TIMEOUT_METADATA,
  FALLBACK_METADATA,
  WAIT_FOR_METADATA,
  DELAY_METADATA,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF,
  DEFAULT_RETRY_DELAY_MS,
  MAX_TIMER_MS,
} from './constants.js';

export { Workflow } from './decorators/workflow.decorator.js';
export { Step } from './decorators/step.decorator.js';
export { Route } from './decorators/route.decorator.js';
export { Parallel } from './decorators/parallel.decorator.js';
export { Retry } from './decorators/retry.decorator.js';
export { Timeout } from './decorators/timeout.decorator.js';
export { Fallback } from './decorators/fallback.decorator.js';
export { WaitFor } from './decorators/wait-for.decorator.js';
export { Delay } from './decorators/delay.decorator.js';

export {
  registerWorkflow,
  registerStep,
  registerRoute,
  registerParallel,
  registerRetry,
  registerTimeout,
  registerFallback,
  registerWaitFor,
  registerDelay,
} from './metadata/register.js';
export { isWorkflowClass, getWorkflowMetadata } from './metadata/workflow-metadata.accessor.js';
export type { WorkflowMetadata } from './metadata/metadata.types.js';

export type { Type, WorkflowOptions } from './options/workflow-options.js';
export type { StepOptions, JoinPolicy } from './options/step-options.js';
export type { RouteOptions } from './options/route-options.js';
export type { Budget, BudgetName, Usage } from './options/budget.js';
export type { RetryOptions, BackoffKind } from './options/retry-options.js';
export type { ParallelOptions, ParallelGroupOptions, ForEachOptions } from './options/parallel-options.js';
export type { FallbackFn, FallbackHandler } from './options/fallback-options.js';
export type { WaitForOptions } from './options/wait-for-options.js';
export type { DelayFn, DelayValue } from './options/delay-options.js';

export type { StepContext } from './context/step-context.js';

export { compileWorkflow, compileWorkflowDefinition } from './graph/compile-workflow.js';
export { compileRetryPolicy, type RetryCompilation } from './graph/compile-retry-policy.js';
export { toMermaid } from './graph/to-mermaid.js';
export type {
  WorkflowGraph,
  StepNode,
  StepKind,
  CompiledRetryPolicy,
  LoopNode,
  StepWait,
  StepDelay,
} from './graph/workflow-graph.js';
export type { CompiledWorkflow, CompiledStep, CompiledFallback } from './graph/compiled-workflow.js';

export { validateInput } from './input/validate-input.js';

export { BatonError, serializeError, describeValue } from './errors/baton.error.js';
export type { BatonErrorContext, SerializedError, ErrorDetail } from './errors/baton.error.js';
export type { DefinitionProblem } from './errors/definition-problem.js';
export { formatProblem } from './errors/definition-problem.js';
export { WorkflowDefinitionError } from './errors/workflow-definition.error.js';
export { NonRetryableError } from './errors/non-retryable.error.js';
export { StepTimeoutError } from './errors/step-timeout.error.js';
export { WorkflowTimeoutError } from './errors/workflow-timeout.error.js';
export { RouteError } from './errors/route.error.js';
export { InputValidationError, type InputViolation } from './errors/input-validation.error.js';
export { UnknownWorkflowError } from './errors/unknown-workflow.error.js';
export { DuplicateWorkflowError } from './errors/duplicate-workflow.error.js';
export { RunCancelledError } from './errors/run-cancelled.error.js';
export { RunNotFoundError } from './errors/run-not-found.error.js';
export { SerializationError } from './errors/serialization.error.js';
/** A run's input, a step's output or a request body is over its size limit (`PAYLOAD_TOO_LARGE`). */
export { PayloadTooLargeError, type PayloadSize } from './errors/payload-too-large.error.js';
/** A run's input nests deeper than `maxInputDepth` (`INPUT_TOO_DEEP`). */
export { InputTooDeepError } from './errors/input-too-deep.error.js';
export { StepFailedError } from './errors/step-failed.error.js';
export { StepAbortedError } from './errors/step-aborted.error.js';
export { WorkflowVersionError } from './errors/workflow-version.error.js';
export { IdempotencyConflictError } from './errors/idempotency-conflict.error.js';
export { LoopLimitError } from './errors/loop-limit.error.js';
export { BudgetExceededError } from './errors/budget-exceeded.error.js';
export { UnknownSignalError } from './errors/unknown-signal.error.js';
export { RunNotRunningError } from './errors/run-not-running.error.js';
export { SignalTimeoutError } from './errors/signal-timeout.error.js';
