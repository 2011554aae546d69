export { BatonModule } from './baton.module.js';
export type { BatonModuleOptions, BatonModuleAsyncOptions, ResolvedBatonOptions } from './options/baton-options.js';
export { BATON_OPTIONS, BATON_TRANSPORT } from './tokens.js';

export { BatonClient } from './client/baton.client.js';
export type { RunHandle, StartOptions, RerunOptions } from './client/run-handle.js';
export { reviveError } from './client/revive-error.js';

export { WorkflowRegistry } from './discovery/workflow.registry.js';
export { WorkflowExplorer } from './discovery/workflow.explorer.js';
export type { RegisteredWorkflow } from './discovery/registered-workflow.js';

export { startRun, transition, type Transition, type StartRunOptions } from './coordinator/coordinator.js';
export type { CoordinatorEvent } from './coordinator/coordinator-event.js';
export type { CoordinatorAction } from './coordinator/coordinator-action.js';
export type { RunState, StepState, ItemsState } from './coordinator/run-state.js';

export { EventBus } from './events/event-bus.js';
export type { TraceEvent, TraceEventType } from './events/trace-event.js';
export { cutPayload, DEFAULT_MAX_PAYLOAD_BYTES, type CutPayload } from './events/cut-payload.js';

export type { RunSnapshot, StepSnapshot, RunStatus, StepStatus, ErrorInfo } from './store/run-snapshot.js';
export type { RunStore, RunQuery, RunSummary, RunPage } from './store/run-store.js';
export { InMemoryRunStore, DEFAULT_RETAINED_RUNS } from './store/memory-run.store.js';
export { RedisRunStore, DEFAULT_FINISHED_RUN_TTL_MS, type RedisRunStoreOptions } from './store/redis-run.store.js';

export type { Transport, StartRequest, ChildRunner } from './transports/transport.js';
export { MemoryTransport } from './transports/memory/memory.transport.js';
export { BullTransport } from './transports/bull/bull.transport.js';
export type { BullTransportOptions } from './transports/bull/bull-options.js';
export { assertJson } from './transports/bull/json-value.js';
export { StepExecutor, type AttemptOutcome } from './execution/step.executor.js';
export type { StepJob, ExecutionHooks } from './execution/step-job.js';
export { retryDelay } from './execution/retry-delay.js';

export { ForEachItemsError } from './errors/for-each-items.error.js';
export { InvalidRunOperationError } from './errors/invalid-state.error.js';
export { WorkflowScopeError } from './errors/workflow-scope.error.js';
export { UnsupportedTransportError } from './errors/unsupported-transport.error.js';

export { createBatonHttpController, DEFAULT_API_PREFIX, type HttpControllerExtras } from './http/baton-http.controller.js';
export { BatonAccessGuard } from './http/baton-access.guard.js';
export { BatonExceptionFilter } from './http/baton-exception.filter.js';
export { BATON_ACCESS_TOKEN, ACCESS_COOKIE, isAuthorized, presentedToken, type TokenCarrier } from './http/access-token.js';
export { serializeRunError, type ErrorBody } from './http/error-body.js';
export { BatonMicroserviceController, type StartMessage } from './microservice/baton-microservice.controller.js';
export { BatonRpcExceptionFilter } from './microservice/baton-rpc-exception.filter.js';
