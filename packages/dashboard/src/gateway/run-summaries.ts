import type { ErrorInfo, RunSummary, TraceEvent } from '@baton/runtime';

/**
 * Keeps the summary of every running run from its `run.*` events, so run-list updates need no store
 * reads. Returns the changed summary for `run.*` events, nothing for step events.
 */
export class RunSummaries {
  private readonly running = new Map<string, RunSummary>();

  apply(event: TraceEvent): RunSummary | undefined {
    switch (event.type) {
      case 'run.started': {
        const data = (event.data ?? {}) as { workflow?: string; parentRunId?: string; rerunOf?: string };
        const summary: RunSummary = {
          runId: event.runId,
          workflow: data.workflow ?? '?',
          status: 'running',
          startedAt: event.ts,
          ...(data.parentRunId !== undefined && { parentRunId: data.parentRunId }),
          ...(data.rerunOf !== undefined && { rerunOf: data.rerunOf }),
        };
        this.running.set(event.runId, summary);
        return summary;
      }
      case 'run.succeeded':
      case 'run.failed':
      case 'run.cancelled': {
        const started = this.running.get(event.runId);
        if (!started) return undefined;
        this.running.delete(event.runId);
        const status =
          event.type === 'run.succeeded' ? 'succeeded' : event.type === 'run.failed' ? 'failed' : 'cancelled';
        const error = (event.data as { error?: ErrorInfo } | undefined)?.error;
        return { ...started, status, endedAt: event.ts, ...(error !== undefined && { error }) };
      }
      default:
        return undefined;
    }
  }
}
