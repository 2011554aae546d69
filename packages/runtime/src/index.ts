// The public entry: what an application that runs Baton needs. Parts other Baton packages share but users
// don't (the coordinator, stores, transports, the executor, HTTP helpers) are in `./internal.ts`
// (`@baton/runtime/internal`), which carries no compatibility promise.
export { BatonModule } from './baton.module.js';
export type { BatonModuleOptions, BatonModuleAsyncOptions, BullQueueDeclaration } from './options/baton-options.js';
/** The defaults of `maxInputBytes`, `maxOutputBytes` and `maxInputDepth`. */
export { DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_MAX_INPUT_DEPTH } from './options/baton-options.js';
/** The deepest nesting a step output may have (outputs deeper than this fail the step with `OUTPUT_TOO_DEEP`). */
export { DEFAULT_MAX_OUTPUT_DEPTH } from './execution/check-output.js';
export { DEFAULT_QUEUE_NAME, type BullTransportOptions, type RedisConnection } from './options/bull-options.js';

export { BatonClient } from './client/baton.client.js';
export { BatonHealthIndicator, type BatonHealthResult } from './health/baton.health.js';
export type { TransportHealth } from './health/transport-health.js';
export type { RunHandle, StartOptions, RerunOptions } from './client/run-handle.js';
export type { SignalTarget } from './client/signal-target.js';
export { MAX_PROGRESS_BYTES, PROGRESS_TAIL, type ProgressEvent } from './events/progress-event.js';
export type { RegisteredWorkflow } from './discovery/registered-workflow.js';

// The trace event contract, also served alone (browser-safe) as `@baton/runtime/trace`.
export * from './trace.js';
export { DEFAULT_MAX_PAYLOAD_BYTES } from './events/cut-payload.js';
export type {
  RunSnapshot,
  StepSnapshot,
  RunStatus,
  StepStatus,
  ErrorInfo,
  WaitingFor,
  PendingSignal,
} from './coordinator/run-snapshot.js';
export type { RunQuery, RunSummary, RunPage } from './store/run-store.js';
export { DEFAULT_RETAINED_RUNS } from './store/memory-run.store.js';
export { DEFAULT_FINISHED_RUN_TTL_MS } from './transports/bull/redis-run.store.js';

export { ForEachItemsError } from './errors/for-each-items.error.js';
export { InvalidRunOperationError } from './errors/invalid-state.error.js';
export { WorkflowScopeError } from './errors/workflow-scope.error.js';
/** A REST API request body that is not a JSON object or array (`INVALID_REQUEST_BODY`). */
export { InvalidRequestBodyError } from './errors/invalid-request-body.error.js';
export { UnsupportedTransportError } from './errors/unsupported-transport.error.js';
export { RunConflictError } from './errors/run-conflict.error.js';
export { ChildRunnerMissingError } from './errors/child-runner-missing.error.js';
export { BullConnectionMissingError } from './errors/bull-connection-missing.error.js';
export { TransportDeclarationError } from './errors/transport-declaration.error.js';
export { InvalidUsageError } from './errors/invalid-usage.error.js';
export { InvalidDelayError } from './errors/invalid-delay.error.js';
export type { UsageTotals } from './coordinator/run-snapshot.js';

export { DEFAULT_API_PREFIX } from './http/baton-http.controller.js';
/** Mounts Baton's JSON body reader and body-error answers on an API path (e.g. one under a global prefix). */
export { mountApiBody } from './http/mount-api-body.js';
export type { ErrorBody } from './http/error-body.js';
export type { StartMessage, SignalMessage } from './microservice/baton-microservice.controller.js';
