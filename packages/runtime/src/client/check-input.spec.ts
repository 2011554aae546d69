import { describe, expect, it } from 'vitest';
import { InputTooDeepError, PayloadTooLargeError, SerializationError } from '@baton/sdk';
import { checkInput } from './check-input.js';

const limits = { maxInputBytes: 50, maxInputDepth: 3 };
const context = { workflow: 'orders' };

describe('checkInput', () => {
  it('accepts an input within both limits', () => {
    expect(() => checkInput({ a: [{ b: 'x' }] }, limits, context)).not.toThrow();
    expect(() => checkInput(undefined, limits, context)).not.toThrow();
  });

  it('refuses a deeper input with InputTooDeepError, before any recursion, even 10 000 levels deep', () => {
    expect(() => checkInput({ a: [{ b: [] }] }, limits, context)).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_DEEP', maxDepth: 3, path: '$.a[0].b', workflow: 'orders' }),
    );
    const hostile = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown;
    expect(() => checkInput(hostile, { maxInputBytes: 1e9, maxInputDepth: 64 }, context)).toThrow(InputTooDeepError);
  });

  it('refuses a larger input with PayloadTooLargeError, measuring class instances and dates by their JSON', () => {
    expect(() => checkInput({ text: 'x'.repeat(50) }, limits, context)).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', limit: 'maxInputBytes', limitBytes: 50, bytes: 61 }),
    );
    class Order {
      constructor(
        readonly note: string,
        readonly at: Date,
      ) {}
    }
    const order = new Order('x'.repeat(10), new Date(0));
    expect(() => checkInput(order, limits, context)).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', bytes: Buffer.byteLength(JSON.stringify(order)) }),
    );
    expect(() =>
      checkInput(new Order('x', new Date(0)), { maxInputBytes: 100, maxInputDepth: 3 }, context),
    ).not.toThrow();
  });

  it('refuses an input with no JSON form with SerializationError', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => checkInput(circular, limits, context)).toThrow(SerializationError);
    expect(() => checkInput({ n: 1n }, limits, context)).toThrow(
      expect.objectContaining({ code: 'SERIALIZATION', workflow: 'orders' }),
    );
    expect(() => checkInput({ text: 'x'.repeat(60) }, limits, context)).toThrow(PayloadTooLargeError);
  });
});
