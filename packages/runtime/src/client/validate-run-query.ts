import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import type { RunQuery } from '../store/run-store.js';

const STATUSES = ['running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/**
 * Checks `listRuns` filters, naming the field at fault.
 *
 * @throws InvalidRunOperationError for an unknown status or a limit outside 1..1000
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
}
