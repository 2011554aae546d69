import { describe, expect, it } from 'vitest';
import { parseJsonInput } from './json-input.js';

describe('parseJsonInput (the start form)', () => {
  it('reads JSON, and blank text as {}', () => {
    expect(parseJsonInput('{ "a": [1, 2] }')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJsonInput('  \n')).toEqual({ ok: true, value: {} });
  });

  it('says why text is not JSON, pointing at the line and column when the engine gives a position', () => {
    const result = parseJsonInput('{\n  "subject": "x",\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).not.toMatch(/position/);
    expect(result.message).toMatch(/\(line 3, column 1\)$/);
    expect(parseJsonInput('{ "subject": ')).toMatchObject({ ok: false, message: expect.any(String) });
  });
});
