import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import type { RunQuery } from '../store/run-store.js';
import type { RunStatus } from '../coordinator/run-snapshot.js';

/**
 * Turns `?workflow=&status=&limit=&cursor=` into a {@link RunQuery}.
 *
 * @throws InvalidRunOperationError when `limit` is not a number
 */
export function parseRunListQuery(query: Record<string, string | undefined>): RunQuery {
  const result: RunQuery = {};
  if (query.workflow) result.workflow = query.workflow;
  if (query.status) result.status = query.status as RunStatus;
  if (query.cursor) result.cursor = query.cursor;
  if (query.limit !== undefined && query.limit !== '') {
    const limit = Number(query.limit);
    if (!Number.isFinite(limit))
      throw new InvalidRunOperationError(`listRuns limit must be an integer from 1 to 1000, got '${query.limit}'.`);
    result.limit = limit;
  }
  return result;
}
