import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { describeValue } from '../errors/baton.error.js';
import { MAX_TIMER_MS } from '../constants.js';

/**
 * A class-validator `message` that reads "`<property> must be <rule>, got <value>`", so every option error
 * says what was expected and what was given.
 */
export function must(rule: string): ValidationOptions {
  return {
    message: (args: ValidationArguments) => `${args.property} must be ${rule}, got ${describeValue(args.value)}`,
  };
}

/** The rule text for a millisecond duration a Node timer can hold. */
export const DURATION_RULE = `a number of milliseconds ≤ ${MAX_TIMER_MS}`;

/** Validates that a value is a function. */
export function IsFunctionValue(rule = 'a function'): PropertyDecorator {
  return ValidateBy(
    { name: 'isFunctionValue', validator: { validate: (v: unknown) => typeof v === 'function' } },
    must(rule),
  );
}

/** Validates a class (a function with a prototype, so not an arrow function such as `() => Approval`). */
export function IsClassValue(rule: string): PropertyDecorator {
  const validate = (v: unknown): boolean => typeof v === 'function' && v.prototype !== undefined;
  return ValidateBy({ name: 'isClassValue', validator: { validate } }, must(rule));
}

/** Validates a finite number within `[min, max]`; `exclusiveMin` makes the lower bound strict. */
export function IsNumberIn(min: number, max: number, rule: string, exclusiveMin = false): PropertyDecorator {
  const validate = (v: unknown): boolean =>
    typeof v === 'number' && Number.isFinite(v) && (exclusiveMin ? v > min : v >= min) && v <= max;
  return ValidateBy({ name: 'isNumberIn', validator: { validate } }, must(rule));
}

/** Validates `true`/`false` or a number in `[0, 1]` (the `jitter` option). */
export function IsJitter(): PropertyDecorator {
  const validate = (v: unknown): boolean =>
    typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1);
  return ValidateBy({ name: 'isJitter', validator: { validate } }, must('a boolean or a number from 0 to 1'));
}

/** Validates a step name or an array of step names. */
export function IsStepNames(): PropertyDecorator {
  const validate = (v: unknown): boolean =>
    typeof v === 'string' || (Array.isArray(v) && v.every((name) => typeof name === 'string' && name.length > 0));
  return ValidateBy({ name: 'isStepNames', validator: { validate } }, must('a step name or an array of step names'));
}

/** Validates a plain object (not null, not an array); its fields are validated by a nested schema. */
export function IsPlainObjectValue(rule: string): PropertyDecorator {
  const validate = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
  return ValidateBy({ name: 'isPlainObjectValue', validator: { validate } }, must(rule));
}
