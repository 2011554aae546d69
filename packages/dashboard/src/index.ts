export { BatonDashboardModule, resolveDashboardOptions } from './dashboard.module.js';
export { dashboardListenHost, type BatonDashboardOptions, type ResolvedDashboardOptions } from './dashboard-options.js';
export { DASHBOARD_OPTIONS } from './dashboard-tokens.js';
export { RunTraceGateway } from './gateway/run-trace.gateway.js';
export { DASHBOARD_NAMESPACE, FLUSH_INTERVAL_MS, PROGRESS_BUFFER, RUNS_UPDATE_INTERVAL_MS } from './protocol.js';
export type {
  ApiError,
  ClientToServer,
  ErrorReply,
  RunEvents,
  RunProgress,
  RunsSnapshot,
  RunsUpdate,
  RunSubscription,
  SendSignalRequest,
  ServerToClient,
  SignalField,
  SignalFieldKind,
  SignalSchema,
  SignalSent,
  SubscribeProgressRequest,
  SubscribeRunRequest,
  SubscribeRunsRequest,
  TraceBatch,
  WorkflowInfo,
} from './protocol.js';
