import { BatonError } from '@baton/sdk';

/** `ctx.usage(...)` was given something that is not a counter (a negative, non-finite or non-number amount, or `steps`). */
export class InvalidUsageError extends BatonError {
  /** Always `'INVALID_USAGE'`. */
  readonly code = 'INVALID_USAGE' as const;

  constructor(problem: string, context: { workflow: string; step: string; runId: string }) {
    super(`Step ${context.workflow}.${context.step} reported invalid usage: ${problem}.`, context);
  }
}
