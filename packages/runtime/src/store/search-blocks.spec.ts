import { describe, expect, it } from 'vitest';
import { SearchBlocks } from './search-blocks.js';

const found = (blocks: SearchBlocks<{ search: string }>, text: string): string[] => {
  const hits: string[] = [];
  blocks.find(text, (item) => hits.push(item.search));
  return hits;
};

describe('SearchBlocks', () => {
  it('finds every item containing the text once, across blocks, in insertion order, and forgets removed items', () => {
    const blocks = new SearchBlocks<{ search: string }>();
    const items = Array.from({ length: 1_300 }, (_, i) => ({
      search: `run-${i}\n{"n":${i},"tag":"x${i % 7}x${i % 7}"}`,
    }));
    for (const item of items) blocks.add(item);
    // Two matches in one text count once; the text at a block's first and last places are found.
    expect(found(blocks, 'x3x3')).toHaveLength(items.filter((_, i) => i % 7 === 3).length);
    expect(found(blocks, 'run-511\n')).toEqual([items[511].search]);
    expect(found(blocks, 'run-512\n')).toEqual([items[512].search]);
    expect(found(blocks, 'run-1299\n')).toEqual([items[1_299].search]);
    expect(found(blocks, '"n":12,')).toEqual([items[12].search]);
    blocks.remove(items[12]);
    for (const item of items.slice(0, 600)) blocks.remove(item);
    expect(found(blocks, '"n":12,')).toEqual([]);
    expect(found(blocks, 'run-6')).toEqual(
      items.filter((item, i) => i >= 600 && item.search.includes('run-6')).map((item) => item.search),
    );
    blocks.add({ search: 'late' });
    expect(found(blocks, 'late')).toEqual(['late']);
  });
});
