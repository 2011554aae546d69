import { BatonError } from './baton.error.js';

/** Two classes were registered under one workflow name. */
export class DuplicateWorkflowError extends BatonError {
  /** Always `'DUPLICATE_WORKFLOW'`. */
  readonly code = 'DUPLICATE_WORKFLOW' as const;

  constructor(name: string, first: string, second: string) {
    super(
      `Workflow name '${name}' is used by both ${first} and ${second}. ` +
        'Give one of them another name with @Workflow({ name }).',
      { workflow: name },
    );
  }
}
