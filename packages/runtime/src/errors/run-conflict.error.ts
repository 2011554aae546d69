import { BatonError } from '@baton/sdk';

/** A change to a run lost the race against other processes' commits too many times in a row. */
export class RunConflictError extends BatonError {
  /** Always `'RUN_CONFLICT'`. */
  readonly code = 'RUN_CONFLICT' as const;

  constructor(runId: string, attempts: number) {
    super(
      `Run ${runId}: a change was refused ${attempts} times in a row because other processes kept changing the run first. ` +
        'This means extreme contention on one run; the step that reported the change is retried by the queue.',
      { runId },
    );
  }
}
