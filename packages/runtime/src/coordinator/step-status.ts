import type { StepStatus } from './run-snapshot.js';

/** True for the statuses a step ends in. */
export function isTerminal(status: StepStatus): boolean {
  return status === 'succeeded' || status === 'recovered' || status === 'failed' || status === 'skipped';
}

/** True for the statuses that count as success for readiness and output (`recovered` included). */
export function isSuccess(status: StepStatus): boolean {
  return status === 'succeeded' || status === 'recovered';
}
