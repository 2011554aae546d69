import { describe, expect, it } from 'vitest';
import { measureJson } from './measure-json.js';

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '');

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const PIECES = ['', 'a', '"', '\\', '\n', '\u0001', '\u007f', 'é', '€', '😀', '\ud800', '\udc00x', ' ', '/', '\u2028'];

function randomJson(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 4 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return [0, -0, 1.5, -2e-7, 1e21, 123456789, Number.MAX_SAFE_INTEGER, 5e-324][Math.floor(next() * 8)];
    case 3:
    case 4:
      return Array.from({ length: Math.floor(next() * 4) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 4); i > 0; i--)
        object[String(randomJson(next, 9))] = next() < 0.2 ? undefined : randomJson(next, depth + 1);
      return object;
    }
  }
}

describe('measureJson', () => {
  it('counts the bytes of JSON.stringify exactly, escapes, surrogates and omitted properties included', () => {
    const next = random(42);
    for (let i = 0; i < 2_000; i++) {
      const value = randomJson(next, 0);
      const measure = measureJson(value, 64);
      expect(measure.problem, JSON.stringify(value)).toBeUndefined();
      expect(measure.bytes, JSON.stringify(value)).toBe(jsonBytes(value));
    }
    expect(measureJson(undefined, 64)).toEqual({ bytes: 0 });
    expect(measureJson({ a: 1, b: undefined, c: 'x' }, 64).bytes).toBe(jsonBytes({ a: 1, c: 'x' }));
  });

  it('reports the first value JSON would lose or change, with its path', () => {
    expect(measureJson({ a: [1, undefined] }, 64).problem).toBe('$.a[1] is undefined, which JSON turns into null');
    expect(measureJson({ n: NaN }, 64).problem).toBe('$.n is NaN, which JSON turns into null');
    expect(measureJson({ when: new Date(0) }, 64).problem).toBe('$.when is a Date, which JSON does not keep');
    expect(measureJson([1n], 64).problem).toBe('$[0] is a bigint');
    expect(measureJson({ f: () => 1 }, 64).problem).toBe('$.f is a function');
    expect(measureJson({ b: Buffer.from('x') }, 64).problem).toBe('$.b is a Buffer, which JSON does not keep');
    const circular: Record<string, unknown> = { a: {} };
    (circular.a as Record<string, unknown>).self = circular;
    expect(measureJson(circular, 64).problem).toBe('$.a.self is a circular reference');
    const shared = { x: 1 };
    expect(measureJson({ a: shared, b: shared }, 64)).toEqual({ bytes: jsonBytes({ a: shared, b: shared }) });
  });

  it('stops where the value first nests deeper than maxDepth, without overflowing the stack', () => {
    expect(measureJson(nested(3), 3)).toEqual({ bytes: jsonBytes(nested(3)) });
    expect(measureJson(nested(4), 3).tooDeepAt).toBe('$.a[0].a');
    expect(measureJson(nested(100_000), 64).tooDeepAt).toMatch(/^\$\.a\[0\]\.a\[0\]/);
    expect(measureJson(nested(10_000), 20_000).bytes).toBe(5_000 * '[]'.length + 5_000 * '{"a":}'.length + 1);
  });

  it('walks class instances too, so their depth counts', () => {
    class Box {
      constructor(readonly inner: unknown) {}
    }
    const measure = measureJson(new Box(nested(100)), 64);
    expect(measure.problem).toBe('$ is a Box, which JSON does not keep');
    expect(measure.tooDeepAt).toBeDefined();
  });
});
