import { BatonError } from './baton.error.js';

/** A run was asked for a workflow name that is not registered. */
export class UnknownWorkflowError extends BatonError {
  /** Always `'UNKNOWN_WORKFLOW'`. */
  readonly code = 'UNKNOWN_WORKFLOW' as const;
  /** The names that are registered. */
  readonly known: readonly string[];

  constructor(name: string, known: readonly string[]) {
    super(
      `Unknown workflow '${name}'. Registered workflows: ${known.length ? known.map((n) => `'${n}'`).join(', ') : '(none)'}. ` +
        'Add the class to a module imported next to BatonModule, or fix the name.',
      { workflow: name },
    );
    this.known = known;
  }
}
