import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [250, '250 ms'],
    [1_999, '1999 ms'],
    [2_000, '2 s'],
    [5_000, '5 s'],
    [2_500, '2.5 s'],
    [90_000, '90 s'],
    [120_000, '2 min'],
    [150_000, '2.5 min'],
    [3_600_000, '60 min'],
    [86_400_000, '24 h'],
    [129_600_000, '36 h'],
    [172_800_000, '2 d'],
    [604_800_000, '7 d'],
    [2_147_483_647, '24.9 d'],
  ])('renders %i ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
