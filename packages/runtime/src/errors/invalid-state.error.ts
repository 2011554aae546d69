import { BatonError, type BatonErrorContext } from '@baton/sdk';

/** An operation does not fit the run's state, e.g. rerunning from a step the workflow does not have. */
export class InvalidRunOperationError extends BatonError {
  /** Always `'INVALID_RUN_OPERATION'`. */
  readonly code = 'INVALID_RUN_OPERATION' as const;

  constructor(message: string, context: BatonErrorContext = {}) {
    super(message, context);
  }
}
