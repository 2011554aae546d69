import { SerializationError } from '@baton/sdk';
import { measureJson } from '../../execution/measure-json.js';

/**
 * Checks that a value survives JSON unchanged: null, booleans, finite numbers, strings, arrays and plain
 * objects of those (`undefined` is allowed only as a whole value or an object property). The walk does
 * not recurse, so a deeply nested value cannot overflow the stack here.
 *
 * @throws SerializationError naming `what` and the path of the first value that would be lost or changed
 */
export function assertJson(
  value: unknown,
  what: string,
  context: { workflow?: string; step?: string; runId?: string } = {},
): void {
  const { problem } = measureJson(value, Number.POSITIVE_INFINITY);
  if (problem) throw new SerializationError(what, problem, context);
}
