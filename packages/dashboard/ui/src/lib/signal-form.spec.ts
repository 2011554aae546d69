import { describe, expect, it } from 'vitest';
import type { SignalField } from '../../../src/protocol.js';
import { buildPayload, choiceField, initialValues, parseJson, splitViolations } from './signal-form.js';

const decision: SignalField = { name: 'decision', kind: 'enum', optional: false, options: ['approve', 'reject'] };
const comment: SignalField = { name: 'comment', kind: 'string', optional: true, maxLength: 200 };
const level: SignalField = { name: 'level', kind: 'number', optional: false, integer: true };
const urgent: SignalField = { name: 'urgent', kind: 'boolean', optional: false };
const extra: SignalField = { name: 'extra', kind: 'json', optional: true };
const size: SignalField = { name: 'size', kind: 'enum', optional: true, options: [1, 2, 3] };

describe('signal forms', () => {
  it('draws the only required choice as buttons, and nothing else', () => {
    expect(choiceField([decision, comment])).toBe(decision);
    expect(choiceField([decision, size])).toBeUndefined();
    expect(choiceField([size])).toBeUndefined();
    expect(choiceField([{ ...decision, options: ['a', 'b', 'c', 'd', 'e'] }])).toBeUndefined();
  });

  it('builds the payload: empty optional fields left out, numbers and JSON parsed, options typed', () => {
    const fields = [decision, comment, level, urgent, extra, size];
    expect(initialValues(fields)).toEqual({ decision: '', comment: '', level: '', urgent: false, extra: '', size: '' });
    expect(
      buildPayload(fields, {
        decision: 'approve',
        comment: '',
        level: ' 3 ',
        urgent: true,
        extra: '{"a":1}',
        size: '2',
      }),
    ).toEqual({ ok: true, payload: { decision: 'approve', level: 3, urgent: true, extra: { a: 1 }, size: 2 } });
    expect(buildPayload([comment], { comment: 'fine' })).toEqual({ ok: true, payload: { comment: 'fine' } });
    expect(buildPayload([{ ...comment, optional: false }], { comment: '' })).toEqual({
      ok: true,
      payload: { comment: '' },
    });
  });

  it('reports what does not parse by field', () => {
    const built = buildPayload([level, extra], { level: 'three', extra: '{nope' });
    expect(built.ok).toBe(false);
    expect(!built.ok && built.problems.level).toBe('must be a number');
    expect(!built.ok && built.problems.extra).toMatch(/^invalid JSON/);
    expect(parseJson('  ')).toEqual({ ok: true, value: {} });
  });

  it('puts violations next to their field, the rest above the form', () => {
    const split = splitViolations(
      [
        { path: 'comment', constraint: 'maxLength', message: 'comment must be shorter' },
        { path: 'extra.note', constraint: 'isString', message: 'note must be a string' },
        { path: '', constraint: 'isObject', message: 'must be an object' },
      ],
      [decision, comment, extra],
    );
    expect(split.byField).toEqual({ comment: ['comment must be shorter'], extra: ['note must be a string'] });
    expect(split.other.map((v) => v.constraint)).toEqual(['isObject']);
  });
});
