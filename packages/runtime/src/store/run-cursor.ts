import { InvalidRunOperationError } from '../errors/invalid-state.error.js';

/** Encodes a run's creation order as an opaque `listRuns` cursor. */
export function encodeCursor(order: number): string {
  return Buffer.from(`o:${order}`).toString('base64url');
}

/**
 * Decodes a `listRuns` cursor back to a creation order.
 *
 * @throws InvalidRunOperationError for a cursor no store produced
 */
export function decodeCursor(cursor: string): number {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match)
    throw new InvalidRunOperationError(`Invalid listRuns cursor '${cursor}'. Pass the nextCursor of a previous page.`);
  return Number(match[1]);
}
