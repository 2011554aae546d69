import { BatonError } from './baton.error.js';

/** A run was started with an idempotency key already used, for the same workflow, with a different input. */
export class IdempotencyConflictError extends BatonError {
  /** Always `'IDEMPOTENCY_CONFLICT'`. */
  readonly code = 'IDEMPOTENCY_CONFLICT' as const;
  /** The key that was reused. */
  readonly idempotencyKey: string;

  constructor(workflow: string, idempotencyKey: string, runId: string) {
    super(
      `Idempotency key '${idempotencyKey}' of ${workflow} already started run ${runId} with a different input. ` +
        'Use a new key for a new input, or send the same input to get the existing run back.',
      { workflow, runId },
    );
    this.idempotencyKey = idempotencyKey;
  }
}
