import { isCutPayload, type RunSummary, type TraceEvent } from '@baton/runtime';
import { INPUT_SEARCH_CHARS, inputText, searchText, summarizeInput } from '@baton/runtime/internal';
import { waitingChange } from './waiting-steps.js';

/** A run's summary as an event changed it, with what a run-list filter needs to tell what changed. */
export interface SummaryChange {
  summary: RunSummary;
  /** The summary before this event; absent for a run that just started. */
  previous?: RunSummary;
  /** The run's lowercase search text (id and input text), as `listRuns({ search })` looks in it. */
  search: string;
}

/**
 * The search text and list summary of a `run.started` input: from its compact JSON, or from the preview of
 * an input cut for size (its summary then always ends with an ellipsis: the input goes on).
 */
function describeInput(input: unknown): { text: string; summary: string } {
  if (!isCutPayload(input)) {
    const text = inputText(input);
    return { text, summary: summarizeInput(text) };
  }
  const text = input.preview.slice(0, INPUT_SEARCH_CHARS);
  const summary = summarizeInput(text);
  return { text, summary: summary.endsWith('…') ? summary : `${summary}…` };
}

/**
 * Keeps the summary of every running run from its events, so run-list updates need no store reads.
 * Returns the changed summary for `run.*` events and for step events that change how many steps wait
 * (`waiting`, as `listRuns` counts it); nothing otherwise. Runs started before the gateway are unknown to
 * it and get no updates.
 */
export class RunSummaries {
  private readonly running = new Map<string, { summary: RunSummary; waiting: Set<string>; search: string }>();

  /** The changed summary of the event's run, if it changed (see {@link applyChange}). */
  apply(event: TraceEvent): RunSummary | undefined {
    return this.applyChange(event)?.summary;
  }

  /** Applies one event; returns the run's new summary with its previous one and its search text, if it changed. */
  applyChange(event: TraceEvent): SummaryChange | undefined {
    switch (event.type) {
      case 'run.started': {
        const { data } = event;
        const { text, summary: input } = describeInput(data.input);
        const summary: RunSummary = {
          runId: event.runId,
          workflow: data.workflow,
          status: 'running',
          startedAt: event.ts,
          ...(data.parentRunId !== undefined && { parentRunId: data.parentRunId }),
          ...(data.rerunOf !== undefined && { rerunOf: data.rerunOf }),
          input,
        };
        const search = searchText(event.runId, text);
        this.running.set(event.runId, { summary, waiting: new Set(), search });
        return { summary, search };
      }
      case 'run.succeeded':
      case 'run.failed':
      case 'run.cancelled': {
        const run = this.running.get(event.runId);
        if (!run) return undefined;
        this.running.delete(event.runId);
        const status =
          event.type === 'run.succeeded' ? 'succeeded' : event.type === 'run.failed' ? 'failed' : 'cancelled';
        const error = event.type === 'run.succeeded' ? undefined : event.data.error;
        const { waiting: _waiting, ...rest } = run.summary;
        const summary: RunSummary = { ...rest, status, endedAt: event.ts, ...(error !== undefined && { error }) };
        return { summary, previous: run.summary, search: run.search };
      }
      default: {
        const run = this.running.get(event.runId);
        if (!run || !waitingChange(run.waiting, event)) return undefined;
        const previous = run.summary;
        const { waiting: _waiting, ...rest } = previous;
        run.summary = { ...rest, ...(run.waiting.size > 0 && { waiting: run.waiting.size }) };
        return { summary: run.summary, previous, search: run.search };
      }
    }
  }
}
