import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InputValidationError, type InputViolation } from '../errors/input-validation.error.js';
import type { Type } from '../options/workflow-options.js';

/**
 * Turns a plain input into an instance of `inputClass` (class-transformer) and validates it
 * (class-validator), reporting every failed constraint with its property path. A signal's payload is
 * validated the same way against its `@WaitFor` payload class, with `subject` naming it.
 *
 * @param workflow - the workflow name, quoted in the error message
 * @param subject - what is validated, for the message: `'input'`, or e.g. `"signal 'approve' payload"` (default `'input'`)
 * @throws InputValidationError when the input is not an object or any constraint fails
 * @example
 * const ticket = validateInput(TicketInput, { subject: 'Refund', body: '...', customerEmail: 'a@b.co' });
 * const approval = validateInput(Approval, payload, 'refund', "signal 'approve' payload");
 */
export function validateInput<T extends object>(
  inputClass: Type<T>,
  plain: unknown,
  workflow?: string,
  subject = 'input',
): T {
  const context = workflow === undefined ? {} : { workflow };
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    const given = plain === null ? 'null' : Array.isArray(plain) ? 'an array' : typeof plain;
    throw new InputValidationError(
      inputClass.name,
      [{ path: '', constraint: 'isObject', message: `the ${subject} must be an object, got ${given}` }],
      context,
      subject,
    );
  }
  const instance = plainToInstance(inputClass as new () => T, plain as Record<string, unknown>);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) throw new InputValidationError(inputClass.name, flatten(errors, ''), context, subject);
  return instance;
}

function flatten(errors: readonly ValidationError[], prefix: string): InputViolation[] {
  const violations: InputViolation[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      violations.push({
        path,
        constraint,
        message: message.replace(/^an unknown value was passed to the validate function$/, 'must be an object'),
      });
    }
    violations.push(...flatten(error.children ?? [], path));
  }
  return violations;
}
