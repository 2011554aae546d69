import { validateSync, type ValidationError } from 'class-validator';
import { describeValue } from '../errors/baton.error.js';

/**
 * Validates a decorator's raw options against its schema class and returns one message per invalid or
 * unknown property, each prefixed with the decorator name (e.g. `Retry.attempts must be ...`).
 */
export function validateOptions(decorator: string, schema: new () => object, raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [`${decorator} options must be an object, got ${describeValue(raw)}`];
  }
  const instance = Object.assign(new schema(), raw);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.map((error) => `${decorator}.${firstMessage(error)}`);
}

function firstMessage(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints) {
    return `${error.property} is not an option (check its spelling)`;
  }
  const [message] = Object.values(constraints);
  return message ?? `${error.property} is invalid`;
}
