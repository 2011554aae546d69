import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import type { RunQuery } from '../store/run-store.js';

const STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** The longest `listRuns` search text, in characters. */
export const MAX_RUN_SEARCH_LENGTH = 200;

/**
 * Checks `listRuns` filters, naming the field at fault.
 *
 * @throws InvalidRunOperationError for an unknown status, a limit outside 1..1000, a search that is not a
 * string of at most 200 characters, a `from` / `to` that is not a finite number, or `from` after `to`
 */
export function validateRunQuery(query: RunQuery): void {
  if (query.status !== undefined && !STATUSES.includes(query.status)) {
    throw new InvalidRunOperationError(
      `listRuns status must be one of ${STATUSES.join(', ')}, got '${String(query.status)}'.`,
    );
  }
  if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000)) {
    throw new InvalidRunOperationError(`listRuns limit must be an integer from 1 to 1000, got ${String(query.limit)}.`);
  }
  const search: unknown = query.search;
  if (search !== undefined && (typeof search !== 'string' || search.length > MAX_RUN_SEARCH_LENGTH)) {
    throw new InvalidRunOperationError(
      typeof search === 'string'
        ? `listRuns search must be at most ${MAX_RUN_SEARCH_LENGTH} characters, got ${search.length}. Search by a shorter fragment.`
        : `listRuns search must be a string, got ${typeof search}.`,
    );
  }
  for (const field of ['from', 'to'] as const) {
    const value: unknown = query[field];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
      const shown = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
      throw new InvalidRunOperationError(`listRuns ${field} must be a finite number of epoch ms, got ${shown}.`);
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new InvalidRunOperationError(
      `listRuns from must be at most to, got from ${query.from} > to ${query.to}. Swap the bounds.`,
    );
  }
}
