/**
 * `@baton/runtime/trace`: the trace event contract and its helpers alone, with no NestJS or Node.js
 * dependency, so a browser bundle (the dashboard, or your own UI over `GET /baton/api/runs/:id/events`) can
 * import them. `@baton/runtime` exports the same.
 *
 * @packageDocumentation
 */
export {
  eventError,
  isRunEnd,
  RUN_END_TYPES,
  type RunStartedData,
  type TraceEvent,
  type TraceEventBase,
  type TraceEventData,
  type TraceEventOf,
  type TraceEventType,
} from './events/trace-event.js';
export { isCutPayload, type CutPayload } from './events/cut-payload.js';
export type { ErrorInfo, UsageTotals, WaitingFor } from './coordinator/run-snapshot.js';
