import { SerializationError } from '@baton/sdk';

/**
 * Checks that a value survives JSON unchanged: null, booleans, finite numbers, strings, arrays and plain
 * objects of those (`undefined` is allowed only as a whole value or an object property).
 *
 * @throws SerializationError naming `what` and the path of the first value that would be lost or changed
 */
export function assertJson(value: unknown, what: string, context: { workflow?: string; step?: string; runId?: string } = {}): void {
  const problem = findProblem(value, '$', new Set());
  if (problem) throw new SerializationError(what, problem, context);
}

function findProblem(value: unknown, path: string, seen: Set<unknown>): string | undefined {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON turns into null`;
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return `${path} is a ${typeof value}`;
  if (seen.has(value)) return `${path} is a circular reference`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined) return `${path}[${i}] is undefined, which JSON turns into null`;
        const problem = findProblem(value[i], `${path}[${i}]`, seen);
        if (problem) return problem;
      }
      return undefined;
    }
    const proto = Object.getPrototypeOf(value) as object | null;
    if (proto !== Object.prototype && proto !== null) {
      return `${path} is a ${(value as object).constructor?.name ?? 'non-plain object'}, which JSON does not keep`;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const problem = findProblem(child, `${path}.${key}`, seen);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}
