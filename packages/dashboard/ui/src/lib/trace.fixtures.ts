import type { TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';

/** Builds a trace with consecutive seqs, for the specs. */
export function trace(runId = 'r1'): {
  add: (e: Omit<TraceEvent, 'seq' | 'runId' | 'ts'> & { ts?: number }) => void;
  events: TraceEvent[];
} {
  const events: TraceEvent[] = [];
  let ts = 1000;
  return {
    events,
    add(e) {
      ts = e.ts ?? ts + 10;
      events.push({ seq: events.length + 1, runId, ts, ...e });
    },
  };
}

const step = (name: string, dependsOn: string[], extra: object = {}) => ({
  name,
  kind: 'step' as const,
  dependsOn,
  retry: { attempts: 1, backoff: 'exponential' as const, delay: 1000, jitter: 0 },
  fallback: false,
  ...extra,
});

/** classify → route → (billing | bug) → lookup (retry 2, timeout, fallback) → items (forEach). */
export const GRAPH: WorkflowGraph = {
  name: 'wf',
  version: 'v1',
  steps: [
    step('classify', []),
    { ...step('route', ['classify']), kind: 'route', routes: ['billing', 'bug'] },
    step('billing', ['route']),
    step('bug', ['route']),
    step('lookup', ['billing', 'bug'], {
      retry: { attempts: 2, backoff: 'fixed', delay: 200, jitter: 0 },
      timeoutMs: 50,
      fallback: true,
    }),
    { ...step('items', ['lookup']), kind: 'forEach' },
  ],
};
