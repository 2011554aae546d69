import { BatonError } from './baton.error.js';

/** No run with this id exists (or it was dropped by retention). */
export class RunNotFoundError extends BatonError {
  /** Always `'RUN_NOT_FOUND'`. */
  readonly code = 'RUN_NOT_FOUND' as const;

  constructor(runId: string) {
    super(`No run with id '${runId}'. It never existed or was removed by the run store's retention.`, { runId });
  }
}
