import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A run exceeded `@Workflow({ timeout })`; its running steps were aborted and pending ones never started. */
export class WorkflowTimeoutError extends BatonError {
  /** Always `'WORKFLOW_TIMEOUT'`. */
  readonly code = 'WORKFLOW_TIMEOUT' as const;
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, context: BatonErrorContext & { workflow: string }) {
    super(
      `Workflow ${context.workflow} timed out after ${timeoutMs} ms` +
        `${context.runId ? ` (run ${context.runId})` : ''}. Raise @Workflow({ timeout }) or speed up its steps.`,
      context,
    );
    this.timeoutMs = timeoutMs;
  }
}
