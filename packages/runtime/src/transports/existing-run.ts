import { IdempotencyConflictError } from '@baton/sdk';
import type { StartRequest } from './transport.js';

/**
 * What a start returns when its idempotency key already names a run: that run's id when the input is the
 * same (fingerprints match), else an {@link IdempotencyConflictError}.
 *
 * @throws IdempotencyConflictError when the key was used with another input
 */
export function existingRun(request: StartRequest, existing: { runId: string; fingerprint: string }): string {
  if (existing.fingerprint !== request.idempotency!.fingerprint) {
    throw new IdempotencyConflictError(request.workflow.name, request.idempotency!.key, existing.runId);
  }
  return existing.runId;
}
