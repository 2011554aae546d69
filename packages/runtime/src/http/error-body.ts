import { BatonError, InputValidationError, type InputViolation } from '@baton/sdk';
import type { ErrorInfo } from '../coordinator/run-snapshot.js';

/** An error as the REST API and the dashboard socket return it. */
export type ErrorBody = ErrorInfo & { violations?: readonly InputViolation[] };

/** Turns a thrown value into `{ name, message, code?, violations? }` (no stack: it goes over the wire). */
export function serializeRunError(error: unknown): ErrorBody {
  if (error instanceof BatonError) {
    return {
      name: error.name,
      message: error.message,
      code: error.code,
      ...(error instanceof InputValidationError && { violations: error.violations }),
    };
  }
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
