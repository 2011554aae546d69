import { describe, expect, it } from 'vitest';
import { formatDateTime, fromDateTimeInput, toDateTimeInput } from './format.js';

describe('date formatting', () => {
  it('shows a start time with its date, and round-trips a datetime-local value', () => {
    const ts = new Date(2026, 11, 2, 14, 3, 21, 450).getTime();
    expect(formatDateTime(ts)).toBe('2026-12-02 14:03:21');
    expect(toDateTimeInput(ts)).toBe('2026-12-02T14:03:21');
    expect(fromDateTimeInput('2026-12-02T14:03:21')).toBe(ts - 450);
    expect(fromDateTimeInput('')).toBeUndefined();
    expect(formatDateTime(undefined)).toBe('—');
  });
});
