import {
  type BatonError,
  InputValidationError,
  RouteError,
  RunCancelledError,
  SerializationError,
  PayloadTooLargeError,
  InputTooDeepError,
  StepAbortedError,
  StepFailedError,
  StepTimeoutError,
  UnknownWorkflowError,
  WorkflowTimeoutError,
  WorkflowVersionError,
  IdempotencyConflictError,
  RunNotFoundError,
  LoopLimitError,
  BudgetExceededError,
  UnknownSignalError,
  RunNotRunningError,
  SignalTimeoutError,
} from '@baton/sdk';
import { InvalidDelayError } from './invalid-delay.error.js';
import { InvalidUsageError } from './invalid-usage.error.js';
import type { ErrorInfo } from '../coordinator/run-snapshot.js';

const BY_CODE: Record<string, abstract new (...args: never[]) => BatonError> = {
  STEP_FAILED: StepFailedError,
  WORKFLOW_TIMEOUT: WorkflowTimeoutError,
  RUN_CANCELLED: RunCancelledError,
  STEP_TIMEOUT: StepTimeoutError,
  STEP_ABORTED: StepAbortedError,
  ROUTE: RouteError,
  INPUT_VALIDATION: InputValidationError,
  UNKNOWN_WORKFLOW: UnknownWorkflowError,
  SERIALIZATION: SerializationError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  INPUT_TOO_DEEP: InputTooDeepError,
  WORKFLOW_VERSION: WorkflowVersionError,
  IDEMPOTENCY_CONFLICT: IdempotencyConflictError,
  RUN_NOT_FOUND: RunNotFoundError,
  LOOP_LIMIT: LoopLimitError,
  BUDGET_EXCEEDED: BudgetExceededError,
  INVALID_USAGE: InvalidUsageError,
  UNKNOWN_SIGNAL: UnknownSignalError,
  RUN_NOT_RUNNING: RunNotRunningError,
  SIGNAL_TIMEOUT: SignalTimeoutError,
  INVALID_DELAY: InvalidDelayError,
};

/**
 * Rebuilds an error from its stored form, as an instance of the matching Baton error class when the code
 * is known (so `instanceof` works across processes), else a plain `Error` with the same name and message.
 */
export function reviveError(info: ErrorInfo, context: { runId?: string; workflow?: string } = {}): Error {
  const Class = info.code === undefined ? undefined : BY_CODE[info.code];
  const error: Error = Class ? (Object.create(Class.prototype as object) as Error) : new Error(info.message);
  Object.defineProperty(error, 'message', { value: info.message, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: info.name, writable: true, configurable: true });
  if (info.code !== undefined) Object.defineProperty(error, 'code', { value: info.code, enumerable: true });
  if (info.stack !== undefined) error.stack = info.stack;
  if (info.details !== undefined) Object.assign(error, info.details);
  if (context.runId !== undefined) Object.assign(error, { runId: context.runId });
  if (context.workflow !== undefined) Object.assign(error, { workflow: context.workflow });
  return error;
}
