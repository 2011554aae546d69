import { BatonError, type BatonErrorContext } from './baton.error.js';

/**
 * A worker cannot continue a run recorded under another version of its workflow's graph: steps the run
 * has recorded are missing or changed kind, or a step was added before the run's position. The run fails
 * with this error instead of staying `running`.
 */
export class WorkflowVersionError extends BatonError {
  /** Always `'WORKFLOW_VERSION'`. */
  readonly code = 'WORKFLOW_VERSION' as const;
  /** The graph version the run was recorded under. */
  readonly runVersion: string;
  /** The graph version this worker has. */
  readonly workerVersion: string;
  /** What prevents continuing, one entry per step (e.g. `"classify: missing"`). */
  readonly problems: readonly string[];

  constructor(
    runVersion: string,
    workerVersion: string,
    problems: readonly string[],
    context: BatonErrorContext & { workflow: string },
  ) {
    super(
      `Run ${context.runId ?? ''} of ${context.workflow} was recorded under graph version ${runVersion}, and this worker has ` +
        `version ${workerVersion}, which cannot continue it: ${problems.join('; ')}. Drain runs of the old version ` +
        'before deploying a change that removes, renames or re-kinds a step (see docs/distributed.md, "Deploying a change").',
      context,
    );
    this.runVersion = runVersion;
    this.workerVersion = workerVersion;
    this.problems = problems;
  }
}
