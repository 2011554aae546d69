export { BatonModule } from './baton.module.js';
export type { BatonModuleOptions, BatonModuleAsyncOptions, BullQueueDeclaration, ResolvedBatonOptions } from './options/baton-options.js';
export { BATON_OPTIONS, BATON_TRANSPORT } from './tokens.js';
/** The defaults of `maxInputBytes`, `maxOutputBytes` and `maxInputDepth`. */
export { DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_MAX_INPUT_DEPTH } from './options/baton-options.js';

export { BatonClient } from './client/baton.client.js';
export type { RunHandle, StartOptions, RerunOptions } from './client/run-handle.js';
export { reviveError } from './errors/revive-error.js';

export { WorkflowRegistry } from './discovery/workflow.registry.js';
export { WorkflowExplorer } from './discovery/workflow.explorer.js';
export type { RegisteredWorkflow } from './discovery/registered-workflow.js';

export { startRun, transition, type Transition, type StartRunOptions } from './coordinator/coordinator.js';
export type { CoordinatorEvent } from './coordinator/coordinator-event.js';
export type { CoordinatorAction } from './coordinator/coordinator-action.js';
export type { RunState, StepState, ItemsState } from './coordinator/run-state.js';

export { EventBus } from './events/event-bus.js';
export { isRunEnd, RUN_END_TYPES, type TraceEvent, type TraceEventType } from './events/trace-event.js';
export { cutPayload, DEFAULT_MAX_PAYLOAD_BYTES, type CutPayload } from './events/cut-payload.js';

export type { RunSnapshot, StepSnapshot, RunStatus, StepStatus, ErrorInfo } from './coordinator/run-snapshot.js';
export type { RunStore, RunQuery, RunSummary, RunPage } from './store/run-store.js';
export { InMemoryRunStore, DEFAULT_RETAINED_RUNS } from './store/memory-run.store.js';
export { RedisRunStore, DEFAULT_FINISHED_RUN_TTL_MS } from './transports/bull/redis-run.store.js';
export { RedisKeys } from './transports/bull/redis-keys.js';

export type { Transport, StartRequest, ChildRunner } from './transports/transport.js';
export { MemoryTransport } from './transports/memory/memory.transport.js';
export { BullTransport } from './transports/bull/bull.transport.js';
export { DEFAULT_QUEUE_NAME, type BullTransportOptions, type RedisConnection, type ResolvedBullTransportOptions } from './options/bull-options.js';
export { assertJson } from './transports/bull/json-value.js';
export { StepExecutor, type AttemptOutcome } from './execution/step.executor.js';
export type { StepJob, ExecutionHooks } from './execution/step-job.js';
export { retryDelay } from './execution/retry-delay.js';
/** Holds a step output to JSON, `maxOutputBytes` and a safe depth, for every transport. */
export { checkOutput, DEFAULT_MAX_OUTPUT_DEPTH, type OutputLimits, type OutputContext } from './execution/check-output.js';

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

export { createBatonHttpController, DEFAULT_API_PREFIX, type HttpControllerExtras } from './http/baton-http.controller.js';
export { BatonAccessGuard } from './http/baton-access.guard.js';
export { BatonExceptionFilter } from './http/baton-exception.filter.js';
/** Mounts Baton's JSON body reader and body-error answers on an API path (e.g. one under a global prefix). */
export { mountApiBody } from './http/mount-api-body.js';
export { BATON_ACCESS_TOKEN, ACCESS_COOKIE, isAuthorized, presentedToken, type TokenCarrier } from './http/access-token.js';
export { serializeRunError, type ErrorBody } from './http/error-body.js';
export { BatonMicroserviceController, type StartMessage } from './microservice/baton-microservice.controller.js';
export { BatonRpcExceptionFilter } from './microservice/baton-rpc-exception.filter.js';
