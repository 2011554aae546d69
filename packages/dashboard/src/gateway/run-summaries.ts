import type { ErrorInfo, RunSummary, TraceEvent } from '@baton/runtime';
import { waitingChange } from './waiting-steps.js';

/**
 * Keeps the summary of every running run from its events, so run-list updates need no store reads.
 * Returns the changed summary for `run.*` events and for step events that change how many steps wait
 * (`waiting`, as `listRuns` counts it); nothing otherwise. Runs started before the gateway are unknown to
 * it and get no updates.
 */
export class RunSummaries {
  private readonly running = new Map<string, { summary: RunSummary; waiting: Set<string> }>();

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
        this.running.set(event.runId, { summary, waiting: new Set() });
        return summary;
      }
      case 'run.succeeded':
      case 'run.failed':
      case 'run.cancelled': {
        const started = this.running.get(event.runId)?.summary;
        if (!started) return undefined;
        this.running.delete(event.runId);
        const status =
          event.type === 'run.succeeded' ? 'succeeded' : event.type === 'run.failed' ? 'failed' : 'cancelled';
        const error = (event.data as { error?: ErrorInfo } | undefined)?.error;
        const { waiting: _waiting, ...rest } = started;
        return { ...rest, status, endedAt: event.ts, ...(error !== undefined && { error }) };
      }
      default: {
        const run = this.running.get(event.runId);
        if (!run || !waitingChange(run.waiting, event)) return undefined;
        const { waiting: _waiting, ...rest } = run.summary;
        run.summary = { ...rest, ...(run.waiting.size > 0 && { waiting: run.waiting.size }) };
        return run.summary;
      }
    }
  }
}
