import { describe, expect, it } from 'vitest';
import { roughDuration, waitSubject, waitTime } from './wait-text.js';

const at = (h: number, m: number, dayOffset = 0): number => new Date(2026, 0, 10 + dayOffset, h, m).getTime();

describe('waitTime', () => {
  it('counts down under an hour, rounding up to the second', () => {
    const now = at(12, 0);
    expect(waitTime(now + 4_200, now)).toBe('5 s left');
    expect(waitTime(now + 12 * 60_000 + 4_100, now)).toBe('12 m 05 s left');
    expect(waitTime(now - 1, now)).toBe('due now');
  });

  it('shows the time and a rough span further out, with the date when not today', () => {
    const now = at(15, 2);
    expect(waitTime(at(14, 2, 1), now)).toMatch(/^until .+ 14:02, in 23 h$/);
    expect(waitTime(at(14, 2, 1), now, false)).toBe('until 14:02, in 23 h');
    expect(waitTime(at(15, 30), now)).toBe('28 m left');
    expect(waitTime(at(18, 2), now)).toBe('until 18:02, in 3 h');
  });

  it('rounds long spans to days', () => {
    expect(roughDuration(5 * 86_400_000)).toBe('5 d');
    expect(roughDuration(45_000)).toBe('45 s');
  });
});

describe('waitSubject', () => {
  it('names the signal, from the wait or the graph, or says delay', () => {
    expect(waitSubject({ signal: 'approval' }, undefined)).toBe('signal approval');
    expect(waitSubject({ delay: true, until: 5 }, undefined)).toBe('delay');
    const node = { wait: { signal: 'go' } } as Parameters<typeof waitSubject>[1];
    expect(waitSubject(undefined, node)).toBe('signal go');
  });
});
