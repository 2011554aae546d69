import { describe, expect, it } from 'vitest';
import { cutPayload } from './cut-payload.js';
import type { TraceEvent } from './trace-event.js';

const succeeded = (output: unknown): TraceEvent => ({
  seq: 1,
  runId: 'r',
  ts: 0,
  type: 'step.succeeded',
  step: 's',
  data: { output },
});

describe('cutPayload', () => {
  it('leaves small payloads alone', () => {
    const small = succeeded('hi');
    expect(cutPayload(small, 100)).toBe(small);
  });

  it('replaces a large output, in its own field, with its size and a preview', () => {
    const cut = cutPayload(succeeded('x'.repeat(500)), 120);
    expect(cut.data).toEqual({ output: { truncated: true, bytes: 502, preview: '"' + 'x'.repeat(53) } });
  });

  it('describes a payload that cannot be serialised instead of throwing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(cutPayload(succeeded(circular), 50).data).toEqual({
      output: { truncated: true, preview: expect.stringContaining('unserialisable') as string },
    });
  });

  it('cuts only the input of a run.started event: which workflow (and parent) a run is of stays', () => {
    const started: TraceEvent = {
      seq: 1,
      runId: 'r',
      ts: 0,
      type: 'run.started',
      data: { workflow: 'support-ticket', version: 'abc', parentRunId: 'p', input: { body: 'x'.repeat(500) } },
    };
    const cut = cutPayload(started, 200);
    expect(cut.type === 'run.started' && cut.data).toEqual({
      workflow: 'support-ticket',
      version: 'abc',
      parentRunId: 'p',
      input: { truncated: true, bytes: 511, preview: expect.stringMatching(/^\{"body":"x+$/) as string },
    });
  });

  it('cuts a log: its data, then its message, keeping the event within bounds', () => {
    const log: TraceEvent = {
      seq: 1,
      runId: 'r',
      ts: 0,
      type: 'step.log',
      step: 's',
      data: { message: 'm'.repeat(5_000), data: { big: 'd'.repeat(5_000) } },
    };
    const cut = cutPayload(log, 1_000);
    expect(JSON.stringify(cut.data).length).toBeLessThanOrEqual(1_000);
    expect(cut.data).toMatchObject({
      message: expect.stringMatching(/^m+… \[4750 more characters cut\]$/) as string,
      data: { truncated: true, bytes: 5_010 },
    });
  });

  it('shortens a huge error message and stack, keeping its name and code', () => {
    const failed: TraceEvent = {
      seq: 1,
      runId: 'r',
      ts: 0,
      type: 'step.failed',
      step: 's',
      data: { error: { name: 'TypeError', code: 'X', message: 'e'.repeat(10_000), stack: 's'.repeat(10_000) } },
    };
    const cut = cutPayload(failed, 2_000);
    expect(cut.type === 'step.failed' && cut.data.error).toMatchObject({
      name: 'TypeError',
      code: 'X',
      message: expect.stringMatching(/^e{500}… \[9500 more/) as string,
      stack: expect.stringMatching(/^s{500}… \[9500 more/) as string,
    });
  });
});
