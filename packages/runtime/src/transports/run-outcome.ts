import { RunCancelledError, StepFailedError, WorkflowTimeoutError } from '@baton/sdk';
import { reviveError } from '../errors/revive-error.js';
import type { RunState } from '../coordinator/run-state.js';

/** The promise a finished run's `result()` settles with. */
export function settled(state: RunState, failure?: unknown): Promise<unknown> {
  if (state.status === 'succeeded') return Promise.resolve(state.output);
  const info = state.error!;
  if (state.status === 'failed' && info.code === 'STEP_FAILED') {
    const step = Object.values(state.steps).find((s) => s.status === 'failed' && s.error?.code !== 'STEP_ABORTED');
    if (step) {
      const error = new StepFailedError(step.error!.message, {
        workflow: state.workflow,
        step: step.name,
        runId: state.runId,
        cause: failure ?? reviveError(step.error!),
      });
      return Promise.reject(error);
    }
  }
  if (failure instanceof WorkflowTimeoutError && info.code === 'WORKFLOW_TIMEOUT') return Promise.reject(failure);
  if (state.status === 'cancelled')
    return Promise.reject(new RunCancelledError({ runId: state.runId, workflow: state.workflow }, info.reason));
  return Promise.reject(reviveError(info, { runId: state.runId, workflow: state.workflow }));
}
