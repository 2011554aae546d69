import { validateSync, type ValidationError } from 'class-validator';
import { describeValue } from '../errors/baton.error.js';

/** A schema class: its properties carry class-validator decorators. */
type Schema = new () => object;

/**
 * Validates a decorator's raw options against its schema class and returns one message per invalid or
 * unknown property, each prefixed with the decorator name (e.g. `Retry.attempts must be ...`). A property
 * listed in `nested` that holds an object is validated against its own schema, its messages naming the
 * path (e.g. `Workflow.budget.tokens must be ...`).
 */
export function validateOptions(
  decorator: string,
  schema: Schema,
  raw: unknown,
  nested: Readonly<Record<string, Schema>> = {},
): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [`${decorator} options must be an object, got ${describeValue(raw)}`];
  }
  const instance = Object.assign(new schema(), raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const messages = errors.map((error) => `${decorator}.${firstMessage(error)}`);
  for (const [property, nestedSchema] of Object.entries(nested)) {
    const value: unknown = (raw as Record<string, unknown>)[property];
    if (value === undefined || errors.some((error) => error.property === property)) continue;
    messages.push(...validateOptions(`${decorator}.${property}`, nestedSchema, value));
  }
  return messages;
}

function firstMessage(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints) {
    return `${error.property} is not an option (check its spelling)`;
  }
  const [message] = Object.values(constraints);
  return message ?? `${error.property} is invalid`;
}
