import { describe, expect, it } from 'vitest';
import { BatonError, InputTooDeepError, PayloadTooLargeError, serializeError } from '../index.js';

describe('PayloadTooLargeError', () => {
  it('names the limit, both sizes and the fix, and keeps them as fields', () => {
    const error = new PayloadTooLargeError(
      { what: 'The input of support-ticket', limit: 'maxInputBytes', limitBytes: 1_048_576, bytes: 2_097_152 },
      { workflow: 'support-ticket' },
    );
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      name: 'PayloadTooLargeError',
      limit: 'maxInputBytes',
      limitBytes: 1_048_576,
      bytes: 2_097_152,
      workflow: 'support-ticket',
    });
    expect(error.message).toBe(
      'The input of support-ticket is 2 097 152 bytes of JSON, over maxInputBytes (1 048 576). Send a smaller input or raise BatonModule.forRoot({ maxInputBytes }).',
    );
    expect(serializeError(error)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('advises on outputs, says "at least" for a partial count, and takes a custom fix', () => {
    const output = new PayloadTooLargeError(
      { what: 'The output of w.s', limit: 'maxOutputBytes', limitBytes: 10, bytes: 12 },
      { workflow: 'w', step: 's', runId: 'r' },
    );
    expect(output.message).toContain('raise BatonModule.forRoot({ maxOutputBytes })');
    expect([output.workflow, output.step, output.runId]).toEqual(['w', 's', 'r']);
    const partial = new PayloadTooLargeError({
      what: 'The request body',
      limit: 'maxInputBytes',
      limitBytes: 999,
      bytes: 1000,
      atLeast: true,
      fix: 'Send less.',
    });
    expect(partial.message).toBe(
      'The request body is at least 1 000 bytes of JSON, over maxInputBytes (999). Send less.',
    );
  });
});

describe('InputTooDeepError', () => {
  it('names the depth limit, where it was crossed (cut short) and the fix', () => {
    const path = `$${'[0]'.repeat(100)}`;
    const error = new InputTooDeepError(64, path, { workflow: 'orders', runId: 'r1' });
    expect(error).toMatchObject({
      code: 'INPUT_TOO_DEEP',
      name: 'InputTooDeepError',
      maxDepth: 64,
      path,
      workflow: 'orders',
      runId: 'r1',
    });
    expect(error.message).toContain(
      'The input of orders nests arrays and objects more than 64 levels deep (at $[0][0]',
    );
    expect(error.message).toContain('…). Flatten the input or raise BatonModule.forRoot({ maxInputDepth }).');
  });
});
