import { getMetadataStorage } from 'class-validator';
import type { SignalField } from '../protocol.js';

/** One class-validator rule of a property: its validator's name and constraints. */
interface Rule {
  name: string;
  constraints: readonly unknown[];
  each: boolean;
}

const STRING_RULES = new Set([
  'isString',
  'isEmail',
  'isUrl',
  'isUUID',
  'isAlpha',
  'isAlphanumeric',
  'matches',
  'isDateString',
  'isISO8601',
  'maxLength',
  'minLength',
  'isLength',
]);
const NUMBER_RULES = new Set(['isNumber', 'isInt', 'min', 'max', 'isPositive', 'isNegative']);
/** Rules that say nothing about a field's kind. */
const NEUTRAL_RULES = new Set(['isOptional', 'isDefined', 'isNotEmpty']);

const isPrimitive = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The fields of a payload class as a signal form edits them, read from its class-validator decorators
 * (inherited ones included, the class's own first). Undefined when the class has no validation metadata.
 * The only code of the dashboard that reads class-validator's metadata.
 */
export function payloadFields(payloadClass: abstract new (...args: never[]) => unknown): SignalField[] | undefined {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(payloadClass, '', true, false);
  if (metadata.length === 0) return undefined;
  const rules = new Map<string, Rule[]>();
  for (const m of metadata) {
    let list = rules.get(m.propertyName);
    if (!list) rules.set(m.propertyName, (list = []));
    const name = m.type === 'nestedValidation' ? 'nested' : (m.name ?? m.type);
    list.push({ name, constraints: Array.isArray(m.constraints) ? m.constraints : [], each: m.each });
  }
  return [...rules].map(([name, list]) => fieldOf(name, list));
}

/** One field from its rules: the kind the rules agree on, `json` when they disagree or none says. */
function fieldOf(name: string, rules: readonly Rule[]): SignalField {
  const optional = rules.some((r) => r.name === 'isOptional');
  const base = { name, optional };
  const typed = rules.filter((r) => !NEUTRAL_RULES.has(r.name));
  if (typed.some((r) => r.each || r.name === 'nested')) return { ...base, kind: 'json' };
  const choice = typed.find((r) => r.name === 'isIn' || r.name === 'isEnum');
  if (choice) {
    const raw = choice.name === 'isIn' ? choice.constraints[0] : choice.constraints[1];
    const options = Array.isArray(raw) ? raw.filter(isPrimitive) : [];
    return options.length > 0 ? { ...base, kind: 'enum', options } : { ...base, kind: 'json' };
  }
  if (typed.length > 0 && typed.every((r) => r.name === 'isBoolean')) return { ...base, kind: 'boolean' };
  if (typed.length > 0 && typed.every((r) => NUMBER_RULES.has(r.name))) {
    const min = numberOf(typed, 'min');
    const max = numberOf(typed, 'max');
    return {
      ...base,
      kind: 'number',
      ...(min !== undefined && { min }),
      ...(max !== undefined && { max }),
      ...(typed.some((r) => r.name === 'isInt') && { integer: true }),
    };
  }
  if (typed.every((r) => STRING_RULES.has(r.name))) {
    const length = typed.find((r) => r.name === 'isLength')?.constraints ?? [];
    const minLength = numberOf(typed, 'minLength') ?? numeric(length[0]);
    const maxLength = numberOf(typed, 'maxLength') ?? numeric(length[1]);
    return {
      ...base,
      kind: 'string',
      ...(minLength !== undefined && minLength > 0 && { minLength }),
      ...(maxLength !== undefined && { maxLength }),
    };
  }
  return { ...base, kind: 'json' };
}

function numberOf(rules: readonly Rule[], name: string): number | undefined {
  return numeric(rules.find((r) => r.name === name)?.constraints[0]);
}

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
