import { describe, expect, it } from 'vitest';
import { ancestorsOf } from './ancestors.js';
import { graphOf, node } from './coordinator.test-kit.js';

describe('ancestorsOf', () => {
  it('lists every upstream step once, in declaration order, and nothing downstream or beside', () => {
    const graph = graphOf([
      node('a'),
      node('b', ['a']),
      node('c', ['a']),
      node('d', ['b', 'c']),
      node('e', ['d']),
      node('x'),
    ]);
    expect(ancestorsOf(graph, 'e')).toEqual(['a', 'b', 'c', 'd']);
    expect(ancestorsOf(graph, 'b')).toEqual(['a']);
    expect(ancestorsOf(graph, 'a')).toEqual([]);
    expect(ancestorsOf(graph, 'x')).toEqual([]);
  });
});
