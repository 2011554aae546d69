import { describe, expect, it } from 'vitest';
import { cutPayload } from './cut-payload.js';
import type { TraceEvent } from './trace-event.js';

const event = (data: unknown): TraceEvent => ({ seq: 1, runId: 'r', ts: 0, type: 'step.succeeded', step: 's', data });

describe('cutPayload', () => {
  it('leaves small payloads alone', () => {
    const small = event({ output: 'hi' });
    expect(cutPayload(small, 100)).toBe(small);
  });

  it('replaces a large payload with its size and a preview', () => {
    const cut = cutPayload(event({ output: 'x'.repeat(500) }), 50);
    expect(cut.data).toEqual({ truncated: true, bytes: 513, preview: '{"output":"' + 'x'.repeat(39) });
  });

  it('describes a payload that cannot be serialised instead of throwing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(cutPayload(event({ output: circular }), 50).data).toMatchObject({
      truncated: true,
      preview: expect.stringContaining('unserialisable'),
    });
  });

  it('keeps which workflow (and parent) a run is of when its run.started input is cut', () => {
    const started: TraceEvent = {
      seq: 1,
      runId: 'r',
      ts: 0,
      type: 'run.started',
      data: { workflow: 'support-ticket', version: 'abc', parentRunId: 'p', input: { body: 'x'.repeat(500) } },
    };
    expect(cutPayload(started, 50).data).toMatchObject({
      truncated: true,
      workflow: 'support-ticket',
      version: 'abc',
      parentRunId: 'p',
    });
  });
});
