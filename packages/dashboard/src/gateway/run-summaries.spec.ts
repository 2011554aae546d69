import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '@baton/runtime';
import { cutPayload } from '@baton/runtime/internal';
import { RunSummaries } from './run-summaries.js';

let seq = 0;
const event = (type: TraceEvent['type'], extra: Partial<TraceEvent> = {}): TraceEvent => ({
  seq: ++seq,
  runId: 'r1',
  ts: 1_000 + seq,
  type,
  ...extra,
});

describe('RunSummaries', () => {
  it('names the workflow of a run whose run.started input was cut for size', () => {
    const started = cutPayload(
      event('run.started', { runId: 'big', data: { workflow: 'support-ticket', input: { body: 'x'.repeat(500) } } }),
      50,
    );
    expect(new RunSummaries().apply(started)).toMatchObject({ runId: 'big', workflow: 'support-ticket' });
  });

  it('reports how many steps wait, as they start and stop waiting, and drops the count at the end', () => {
    const summaries = new RunSummaries();
    expect(summaries.apply(event('run.started', { data: { workflow: 'w' } }))).toMatchObject({ status: 'running' });
    expect(summaries.apply(event('step.scheduled', { step: 'a' }))).toBeUndefined();
    expect(summaries.apply(event('step.waiting', { step: 'b', data: { signal: 's' } }))?.waiting).toBe(1);
    expect(summaries.apply(event('step.waiting', { step: 'c', data: { delay: true } }))?.waiting).toBe(2);
    expect(summaries.apply(event('step.waiting', { step: 'c', data: { delay: true } }))).toBeUndefined();
    const one = summaries.apply(event('step.scheduled', { step: 'b' }));
    expect(one?.waiting).toBe(1);
    const none = summaries.apply(event('step.skipped', { step: 'c' }));
    expect(none).toMatchObject({ runId: 'r1', status: 'running' });
    expect(none).not.toHaveProperty('waiting');
    summaries.apply(event('step.waiting', { step: 'd' }));
    const ended = summaries.apply(event('run.cancelled'));
    expect(ended).toMatchObject({ status: 'cancelled' });
    expect(ended).not.toHaveProperty('waiting');
  });

  it('stops counting the steps of a loop body that starts a new pass', () => {
    const summaries = new RunSummaries();
    summaries.apply(event('run.started', { runId: 'r2', data: { workflow: 'w' } }));
    summaries.apply(event('step.waiting', { runId: 'r2', step: 'review' }));
    const pass = summaries.apply(event('loop.iteration', { runId: 'r2', step: 'r', data: { body: ['review'] } }));
    expect(pass).not.toHaveProperty('waiting');
  });

  it('knows nothing of runs started before it', () => {
    expect(new RunSummaries().apply(event('step.waiting', { runId: 'old', step: 'a' }))).toBeUndefined();
  });
});
