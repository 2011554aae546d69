import { BatonError } from '@baton/sdk';

/** A `@Parallel({ forEach })` function returned something other than an array. */
export class ForEachItemsError extends BatonError {
  /** Always `'FOR_EACH_ITEMS'`. */
  readonly code = 'FOR_EACH_ITEMS' as const;

  constructor(workflow: string, step: string, got: string, runId: string) {
    super(`The forEach function of ${workflow}.${step} must return an array (or a promise of one), got ${got}.`, {
      workflow,
      step,
      runId,
    });
  }
}
