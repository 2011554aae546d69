import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '@baton/runtime';
import { appendEvents, applySubscription, emptyStream } from './run-stream.js';
import { trace } from './trace.fixtures.js';

describe('run stream', () => {
  const t = trace();
  for (let i = 0; i < 6; i++) t.add({ type: 'step.log', step: 'a', data: { message: `m${i}` } });
  const [e1, e2, e3, e4, e5, e6] = t.events as [TraceEvent, TraceEvent, TraceEvent, TraceEvent, TraceEvent, TraceEvent];

  it('applies events in seq order and ignores duplicates', () => {
    let { stream } = appendEvents(emptyStream('r1'), [e1, e2]);
    const again = appendEvents(stream, [e1, e2, e3]);
    expect(again.gap).toBe(false);
    stream = again.stream;
    expect(stream.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(appendEvents(stream, [e2, e3]).stream).toBe(stream);
  });

  it('stops at a hole and reports the gap', () => {
    const { stream } = appendEvents(emptyStream('r1'), [e1, e2]);
    const applied = appendEvents(stream, [e3, e5, e6]);
    expect(applied.gap).toBe(true);
    expect(applied.stream.lastSeq).toBe(3);
    const resumed = applySubscription(applied.stream, { runId: 'r1', events: [e4, e5, e6] });
    expect(resumed.gap).toBe(false);
    expect(resumed.stream.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('replaces everything on a snapshot', () => {
    const { stream } = appendEvents(emptyStream('r1'), [e1, e2, e3]);
    const snapshot = {
      runId: 'r1',
      workflow: 'wf',
      version: 'v1',
      status: 'running' as const,
      input: {},
      startedAt: 1,
      steps: {},
    };
    const replaced = applySubscription(stream, { runId: 'r1', snapshot, events: [e1, e2] });
    expect(replaced.stream.lastSeq).toBe(2);
    expect(replaced.stream.snapshot).toBe(snapshot);
  });

  it('ignores events of another run', () => {
    const other = { ...e1, runId: 'r2' };
    expect(appendEvents(emptyStream('r1'), [other]).stream.lastSeq).toBe(0);
  });

  it('keeps the signal schemas that come with a snapshot, and those held when a later one has none', () => {
    const signals = [{ name: 'approval', steps: ['approval'] }];
    const snap = {
      runId: 'r1',
      workflow: 'wf',
      version: 'v',
      status: 'running' as const,
      input: {},
      startedAt: 1,
      steps: {},
    };
    const first = applySubscription(emptyStream('r1'), { runId: 'r1', snapshot: snap, signals, events: [e1] });
    expect(first.stream.signals).toBe(signals);
    const fresh = applySubscription(first.stream, { runId: 'r1', snapshot: snap, events: [e1, e2] });
    expect(fresh.stream.signals).toBe(signals);
  });
});
