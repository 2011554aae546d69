import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import type { RunQuery } from '../store/run-store.js';
import type { RunStatus } from '../coordinator/run-snapshot.js';

/** Reads a numeric query parameter, naming it when it is not a number. */
function numberParam(name: 'limit' | 'from' | 'to', value: string, expected: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new InvalidRunOperationError(`listRuns ${name} must be ${expected}, got '${value}'.`);
  return parsed;
}

/**
 * Turns `?workflow=&status=&limit=&cursor=&search=&from=&to=` into a {@link RunQuery} (`from` / `to` in
 * epoch ms).
 *
 * @throws InvalidRunOperationError when `limit`, `from` or `to` is not a number
 */
export function parseRunListQuery(query: Record<string, string | undefined>): RunQuery {
  const result: RunQuery = {};
  if (query.workflow) result.workflow = query.workflow;
  if (query.status) result.status = query.status as RunStatus;
  if (query.cursor) result.cursor = query.cursor;
  if (query.search) result.search = query.search;
  if (query.limit !== undefined && query.limit !== '')
    result.limit = numberParam('limit', query.limit, 'an integer from 1 to 1000');
  if (query.from !== undefined && query.from !== '')
    result.from = numberParam('from', query.from, 'a number of epoch ms');
  if (query.to !== undefined && query.to !== '') result.to = numberParam('to', query.to, 'a number of epoch ms');
  return result;
}
