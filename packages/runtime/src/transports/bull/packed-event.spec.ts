import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../events/trace-event.js';
import { packEvent, packPublication, unpackEvent, unpackPublication } from './packed-event.js';

const events: TraceEvent[] = [
  { seq: 1, runId: 'r', ts: 10, type: 'run.started', data: { workflow: 'w', version: 'v', input: { a: [1, null] } } },
  { seq: 2, runId: 'r', ts: 11, type: 'step.scheduled', step: 's', index: 0 },
  { seq: 3, runId: 'r', ts: 12, type: 'step.started', step: 's', index: 3, attempt: 2, data: { worker: 'h:1' } },
  { seq: 4, runId: 'r', ts: 13, type: 'step.succeeded', step: 's', attempt: 1, data: { output: null } },
  {
    seq: 5,
    runId: 'r',
    ts: 14,
    type: 'loop.iteration',
    step: 'c',
    iteration: 2,
    data: { target: 'w', iteration: 2, maxIterations: 3, body: ['w', 'c'] },
  },
  { seq: 6, runId: 'r', ts: 15, type: 'step.started', step: 'w', attempt: 1, iteration: 2 },
  { seq: 7, runId: 'r', ts: 16, type: 'run.succeeded', data: { output: 'done' } },
];

describe('packed trace events (how Redis keeps and publishes them)', () => {
  it('round-trips every field, with runId and seq restored from the key and position', () => {
    for (const event of events) expect(unpackEvent(packEvent(event), 'r', event.seq)).toEqual(event);
  });

  it('takes about half the bytes of the event JSON', () => {
    const packed = events.map(packEvent).join('').length;
    expect(packed).toBeLessThan(
      events.map((e) => JSON.stringify({ ...e, runId: 'c0ffee00-0000-4000-8000-000000000000' })).join('').length * 0.6,
    );
  });

  it('round-trips a published commit', () => {
    expect(unpackPublication(packPublication('r', 2, events.slice(1).map(packEvent)))).toEqual(events.slice(1));
  });
});
