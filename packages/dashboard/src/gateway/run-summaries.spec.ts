import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf, TraceEventType } from '@baton/runtime';
import { cutPayload } from '@baton/runtime/internal';
import { RunSummaries } from './run-summaries.js';

let seq = 0;
/** An event of run `r1` (or `extra.runId`) with the next seq. */
function event<T extends TraceEventType>(
  type: T,
  extra: Omit<TraceEventOf<T>, 'seq' | 'runId' | 'ts' | 'type'> & { runId?: string },
): TraceEvent {
  // The fields given are those of kind T.
  return <TraceEvent>{ seq: ++seq, runId: 'r1', ts: 1_000 + seq, type, ...extra };
}
const started = (runId = 'r1') => event('run.started', { runId, data: { workflow: 'w', version: 'v', input: {} } });
const cancelled = () =>
  event('run.cancelled', { data: { error: { name: 'RunCancelledError', message: 'cancelled' } } });

describe('RunSummaries', () => {
  it('names the workflow of a run whose run.started input was cut for size', () => {
    const started = cutPayload(
      event('run.started', {
        runId: 'big',
        data: { workflow: 'support-ticket', version: 'v', input: { body: 'x'.repeat(500) } },
      }),
      50,
    );
    expect(new RunSummaries().apply(started)).toMatchObject({ runId: 'big', workflow: 'support-ticket' });
  });

  it('summarises the input, from the preview of an input cut for size, with its search text', () => {
    const summaries = new RunSummaries();
    const small = summaries.applyChange(
      event('run.started', { runId: 'Small-1', data: { workflow: 'w', version: 'v', input: { q: 'Hi' } } }),
    );
    expect(small).toMatchObject({ summary: { input: '{"q":"Hi"}' }, search: 'small-1\n{"q":"hi"}' });
    const big = summaries.applyChange(
      cutPayload(
        event('run.started', { runId: 'big', data: { workflow: 'w', version: 'v', input: { body: 'x'.repeat(500) } } }),
        200,
      ),
    );
    expect(big?.summary.input).toMatch(/^\{"body":"x+…$/);
    const bigger = summaries.applyChange(
      cutPayload(
        event('run.started', {
          runId: 'huge',
          data: { workflow: 'w', version: 'v', input: { body: 'x'.repeat(900) } },
        }),
        600,
      ),
    );
    expect(bigger?.summary.input).toHaveLength(120);
    expect(bigger?.summary.input).toMatch(/^\{"body":"x+…$/);
    const ended = summaries.applyChange(event('run.succeeded', { runId: 'Small-1', data: { output: 1 } }));
    expect(ended).toMatchObject({
      summary: { status: 'succeeded', input: '{"q":"Hi"}' },
      previous: { status: 'running' },
    });
  });

  it('reports how many steps wait, as they start and stop waiting, and drops the count at the end', () => {
    const summaries = new RunSummaries();
    expect(summaries.apply(started())).toMatchObject({ status: 'running' });
    expect(summaries.apply(event('step.scheduled', { step: 'a' }))).toBeUndefined();
    expect(summaries.apply(event('step.waiting', { step: 'b', data: { signal: 's' } }))?.waiting).toBe(1);
    expect(summaries.apply(event('step.waiting', { step: 'c', data: { delay: true } }))?.waiting).toBe(2);
    expect(summaries.apply(event('step.waiting', { step: 'c', data: { delay: true } }))).toBeUndefined();
    const one = summaries.apply(event('step.scheduled', { step: 'b' }));
    expect(one?.waiting).toBe(1);
    const none = summaries.apply(event('step.skipped', { step: 'c', data: { reason: 'route' } }));
    expect(none).toMatchObject({ runId: 'r1', status: 'running' });
    expect(none).not.toHaveProperty('waiting');
    summaries.apply(event('step.waiting', { step: 'd', data: { signal: 's' } }));
    const ended = summaries.apply(cancelled());
    expect(ended).toMatchObject({ status: 'cancelled' });
    expect(ended).not.toHaveProperty('waiting');
  });

  it('stops counting the steps of a loop body that starts a new pass', () => {
    const summaries = new RunSummaries();
    summaries.apply(started('r2'));
    summaries.apply(event('step.waiting', { runId: 'r2', step: 'review', data: { signal: 'review' } }));
    const pass = summaries.apply(
      event('loop.iteration', {
        runId: 'r2',
        step: 'r',
        data: { target: 'review', iteration: 2, maxIterations: 3, body: ['review'] },
      }),
    );
    expect(pass).not.toHaveProperty('waiting');
  });

  it('knows nothing of runs started before it', () => {
    expect(
      new RunSummaries().apply(event('step.waiting', { runId: 'old', step: 'a', data: { delay: true } })),
    ).toBeUndefined();
  });
});
