import { describe, expect, it } from 'vitest';
import { PayloadTooLargeError, SerializationError } from '@baton/sdk';
import { checkOutput, DEFAULT_MAX_OUTPUT_DEPTH } from './check-output.js';

const context = { workflow: 'support-ticket', step: 'draftReply', runId: 'r1' };
const limits = { maxOutputBytes: 100 };

function deep(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
}

describe('checkOutput', () => {
  it('accepts plain JSON up to maxOutputBytes, the limit itself included', () => {
    expect(() => checkOutput({ text: 'x'.repeat(100 - '{"text":""}'.length) }, limits, context)).not.toThrow();
    expect(() => checkOutput(undefined, limits, context)).not.toThrow();
    expect(() => checkOutput(deep(DEFAULT_MAX_OUTPUT_DEPTH - 1), { maxOutputBytes: 1e6 }, context)).not.toThrow();
  });

  it('throws PayloadTooLargeError with the limit, the size and the step', () => {
    const output = { text: 'é'.repeat(60) };
    expect(() => checkOutput(output, limits, context)).toThrow(PayloadTooLargeError);
    expect(() => checkOutput(output, limits, context)).toThrow(
      'The output of support-ticket.draftReply is 131 bytes of JSON, over maxOutputBytes (100). Return a smaller output',
    );
    expect(() => checkOutput(output, limits, { ...context, index: 3 })).toThrow(
      expect.objectContaining({
        code: 'PAYLOAD_TOO_LARGE',
        limit: 'maxOutputBytes',
        limitBytes: 100,
        bytes: 131,
        ...context,
        message: expect.stringContaining('The output of support-ticket.draftReply (item 3) is 131 bytes'),
      }),
    );
  });

  it('throws SerializationError naming the path of a value JSON would change', () => {
    expect(() => checkOutput({ at: new Date(0) }, limits, context)).toThrow(SerializationError);
    expect(() => checkOutput({ list: [1, undefined] }, limits, context)).toThrow(
      '$.list[1] is undefined, which JSON turns into null',
    );
    expect(() => checkOutput({ at: new Date(0) }, limits, context)).toThrow(
      expect.objectContaining({ code: 'SERIALIZATION', step: 'draftReply', runId: 'r1' }),
    );
  });

  it('throws SerializationError, not a RangeError, for an output nested 10 000 levels deep', () => {
    const output = deep(10_000);
    expect(() => checkOutput(output, { maxOutputBytes: 1e9 }, context)).toThrow(SerializationError);
    expect(() => checkOutput(output, { maxOutputBytes: 1e9 }, context)).toThrow(
      `nests arrays and objects more than ${DEFAULT_MAX_OUTPUT_DEPTH} levels deep (at $.next.next`,
    );
    expect(() => checkOutput(deep(5), { maxOutputBytes: 1e9, maxDepth: 4 }, context)).toThrow(
      'more than 4 levels deep (at $.next.next.next.next)',
    );
  });

  it('turns a getter that throws into a SerializationError keeping the cause', () => {
    const output = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(() => checkOutput(output, limits, context)).toThrow(
      expect.objectContaining({ code: 'SERIALIZATION', cause: expect.objectContaining({ message: 'boom' }) }),
    );
  });
});
