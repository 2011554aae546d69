import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A value that must cross a process boundary (a step output, an input) is not JSON-serialisable. */
export class SerializationError extends BatonError {
  /** Always `'SERIALIZATION'`. */
  readonly code = 'SERIALIZATION' as const;

  constructor(what: string, reason: string, context: BatonErrorContext = {}) {
    super(
      `${what} cannot be serialised to JSON: ${reason}. Return plain data (objects, arrays, strings, numbers, booleans, null).`,
      context,
    );
  }
}
