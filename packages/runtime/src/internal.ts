/**
 * `@baton/runtime/internal`: the parts Baton's own packages, tests and benchmarks share (the pure
 * coordinator, stores, transports, the step executor, HTTP helpers). Not for applications: it changes
 * without notice and has no API report. Applications import `@baton/runtime`.
 *
 * @packageDocumentation
 */
export type { ResolvedBatonOptions } from './options/baton-options.js';
export type { ResolvedBullTransportOptions } from './options/bull-options.js';
export { BATON_OPTIONS, BATON_TRANSPORT } from './tokens.js';
export { reviveError } from './errors/revive-error.js';

export { WorkflowRegistry } from './discovery/workflow.registry.js';
export { WorkflowExplorer } from './discovery/workflow.explorer.js';

export { startRun, transition, type Transition, type StartRunOptions } from './coordinator/coordinator.js';
export type { CoordinatorEvent } from './coordinator/coordinator-event.js';
export type { CoordinatorAction } from './coordinator/coordinator-action.js';
export type { RunState, StepState, ItemsState } from './coordinator/run-state.js';

export { EventBus } from './events/event-bus.js';
export { cutPayload, type CutPayload } from './events/cut-payload.js';

export type { RunStore } from './store/run-store.js';
export { InMemoryRunStore } from './store/memory-run.store.js';
export { INPUT_SEARCH_CHARS, inputText, summarizeInput, searchText } from './store/input-summary.js';
export { matchesTime } from './store/run-store.js';
export { RunWriter } from './transports/bull/run-writer.js';
export { RedisRunStore } from './transports/bull/redis-run.store.js';
export { RedisKeys } from './transports/bull/redis-keys.js';

export type { Transport, StartRequest, ChildRunner } from './transports/transport.js';
export { MemoryTransport } from './transports/memory/memory.transport.js';
export { BullTransport } from './transports/bull/bull.transport.js';
export { assertJson } from './transports/bull/json-value.js';
export { StepExecutor, type AttemptOutcome } from './execution/step.executor.js';
export type { StepJob, ExecutionHooks } from './execution/step-job.js';
export { retryDelay } from './execution/retry-delay.js';
/** Holds a step output to JSON, `maxOutputBytes` and a safe depth, for every transport. */
export { checkOutput, type OutputLimits, type OutputContext } from './execution/check-output.js';

export { createBatonHttpController, type HttpControllerExtras } from './http/baton-http.controller.js';
export { BatonAccessGuard } from './http/baton-access.guard.js';
export { BatonExceptionFilter } from './http/baton-exception.filter.js';
export {
  BATON_ACCESS_TOKEN,
  ACCESS_COOKIE,
  isAuthorized,
  presentedToken,
  type TokenCarrier,
} from './http/access-token.js';
export { serializeRunError } from './http/error-body.js';
export { BatonMicroserviceController } from './microservice/baton-microservice.controller.js';
export { BatonRpcExceptionFilter } from './microservice/baton-rpc-exception.filter.js';
