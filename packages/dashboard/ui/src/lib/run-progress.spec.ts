import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@baton/runtime';
import { applyProgress, progressText } from './run-progress.js';

const progress = (step: string, ts: number, data: unknown, runId = 'r1'): ProgressEvent => ({ runId, step, ts, data });

describe('applyProgress', () => {
  it('keeps the latest event per step, ignoring older ones and other runs', () => {
    let held = applyProgress({}, 'r1', [progress('draft', 10, 'a'), progress('draft', 20, 'ab'), progress('x', 5, 1)]);
    expect(held.draft.data).toBe('ab');
    expect(held.x.data).toBe(1);
    // The tail again, after a reconnect: nothing older replaces what is held.
    const again = applyProgress(held, 'r1', [progress('draft', 10, 'a'), progress('other', 30, 'z', 'r2')]);
    expect(again).toBe(held);
    held = applyProgress(held, 'r1', [progress('draft', 20, 'ab!')]);
    expect(held.draft.data).toBe('ab!');
    expect(held.draft).not.toHaveProperty('runId');
  });

  it('keeps at most maxSteps steps, dropping those heard from longest ago', () => {
    const held = applyProgress({}, 'r1', [progress('a', 1, 0), progress('b', 3, 0), progress('c', 2, 0)], 2);
    expect(Object.keys(held).sort()).toEqual(['b', 'c']);
  });
});

describe('progressText', () => {
  it('shows streamed text as text and anything else as compact JSON, keeping the end of long text', () => {
    expect(progressText({ text: 'Dear customer' })).toBe('Dear customer');
    expect(progressText({ tokens: 'Dear' })).toBe('Dear');
    expect(progressText('plain')).toBe('plain');
    expect(progressText({ percent: 40, stage: 'fetch' })).toBe('{"percent":40,"stage":"fetch"}');
    expect(progressText(null)).toBe('null');
    expect(progressText({ text: 'abcdefghij' }, 5)).toBe('…ghij');
  });
});
