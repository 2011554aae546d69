import type { InputViolation } from '@baton/sdk';
import type { SignalField } from '../../../src/protocol.js';

/** What a signal form holds per field: the text of an input or select, or a checkbox's state. */
export type FormValues = Record<string, string | boolean>;

/** A payload built from the form, or the fields the form could not read (not a number, bad JSON). */
export type BuiltPayload =
  { ok: true; payload: Record<string, unknown> } | { ok: false; problems: Record<string, string> };

/** Most choices drawn as buttons: a single choice among more is a select. */
const MAX_CHOICE_BUTTONS = 4;

/** The form's starting values: empty inputs, unchecked boxes. */
export function initialValues(fields: readonly SignalField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === 'boolean' ? false : '']));
}

/**
 * The field whose choices are the form's submit buttons (`approve` / `reject`): the only required `enum`
 * field, when it has at most {@link MAX_CHOICE_BUTTONS} options. Other choices are selects.
 */
export function choiceField(fields: readonly SignalField[]): SignalField | undefined {
  const enums = fields.filter((f) => f.kind === 'enum');
  const [only] = enums;
  return enums.length === 1 && !only.optional && (only.options?.length ?? 0) <= MAX_CHOICE_BUTTONS ? only : undefined;
}

/** The option a select or button's text stands for (options may be numbers or booleans). */
export function optionOf(field: SignalField, text: string): string | number | boolean | undefined {
  return field.options?.find((o) => String(o) === text);
}

/**
 * Builds the payload. Empty inputs are left out (the server says when one is required); numbers and JSON
 * are parsed, and what does not parse is reported by field. The server validates the rest.
 */
export function buildPayload(fields: readonly SignalField[], values: FormValues): BuiltPayload {
  const payload: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'boolean') {
      payload[field.name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text === '' && field.kind !== 'string') continue;
    if (text === '' && field.optional) continue;
    if (field.kind === 'enum') payload[field.name] = optionOf(field, text) ?? text;
    else if (field.kind === 'string') payload[field.name] = text;
    else if (field.kind === 'number') {
      const number = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(number)) problems[field.name] = 'must be a number';
      else payload[field.name] = number;
    } else {
      const parsed = parseJson(text);
      if (parsed.ok) payload[field.name] = parsed.value;
      else problems[field.name] = `invalid JSON: ${parsed.message}`;
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, payload };
}

/** Parses JSON text (an empty text is `{}`), with the parser's message on failure. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: text.trim() === '' ? {} : (JSON.parse(text) as unknown) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * Sorts a validation error's violations: those of a form field (by the first part of their path,
 * `comment` or `extra.note`) go next to it; the others (the payload as a whole) above the form.
 */
export function splitViolations(
  violations: readonly InputViolation[],
  fields: readonly SignalField[],
): { byField: Record<string, string[]>; other: InputViolation[] } {
  const names = new Set(fields.map((f) => f.name));
  const byField: Record<string, string[]> = {};
  const other: InputViolation[] = [];
  for (const violation of violations) {
    const head = /^[^.[]*/.exec(violation.path)?.[0] ?? '';
    if (names.has(head)) (byField[head] ??= []).push(violation.message);
    else other.push(violation);
  }
  return { byField, other };
}
