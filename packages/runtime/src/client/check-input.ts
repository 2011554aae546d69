import { InputTooDeepError, PayloadTooLargeError, SerializationError } from '@baton/sdk';
import { measureJson } from '../execution/measure-json.js';

/** The limits a run input is held to (the `maxInputBytes` and `maxInputDepth` options). */
export interface InputLimits {
  /** Largest input, in bytes of JSON. */
  maxInputBytes: number;
  /** Deepest nesting of arrays and objects. */
  maxInputDepth: number;
}

/**
 * Checks a run input before anything else touches it: first its depth, in a walk without recursion (so
 * validation, fingerprints and transports never recurse into a hostile input), then its size in bytes of
 * JSON, measured by that same walk for plain data (`JSON.stringify` only for class instances, dates...).
 *
 * @throws InputTooDeepError when it nests deeper than `maxInputDepth`
 * @throws PayloadTooLargeError with `limit: 'maxInputBytes'` when its JSON is larger than `maxInputBytes`
 * @throws SerializationError when it has no JSON form (a cycle, a bigint)
 */
export function checkInput(input: unknown, limits: InputLimits, context: { workflow: string; runId?: string }): void {
  const what = `The input of ${context.workflow}`;
  let measure;
  try {
    measure = measureJson(input, limits.maxInputDepth);
  } catch (error) {
    // A getter or proxy of the input threw while it was read.
    throw new SerializationError(what, `reading it threw ${(error as Error)?.message ?? String(error)}`, {
      ...context,
      cause: error,
    });
  }
  if (measure.tooDeepAt !== undefined) throw new InputTooDeepError(limits.maxInputDepth, measure.tooDeepAt, context);
  let bytes = measure.bytes;
  if (measure.problem !== undefined) {
    // Not plain data (an input-class instance, a Date...): its JSON is whatever toJSON and JSON make of it.
    let json: string | undefined;
    try {
      json = JSON.stringify(input);
    } catch (error) {
      throw new SerializationError(what, (error as Error).message, { ...context, cause: error });
    }
    bytes = json === undefined ? 0 : Buffer.byteLength(json);
  }
  if (bytes > limits.maxInputBytes) {
    throw new PayloadTooLargeError({ what, limit: 'maxInputBytes', limitBytes: limits.maxInputBytes, bytes }, context);
  }
}
