import { BatonError, type BatonErrorContext } from './baton.error.js';

/** One failed constraint of a workflow input. */
export interface InputViolation {
  /** The property path, e.g. `customer.email` or `items[2].sku`; empty for the input as a whole. */
  readonly path: string;
  /** The constraint name, e.g. `isEmail`. */
  readonly constraint: string;
  /** The validator's message. */
  readonly message: string;
}

/**
 * The input of a run did not satisfy the workflow's input class (no run was started), or a signal's payload
 * did not satisfy its `@WaitFor` payload class (the run was left as it was).
 */
export class InputValidationError extends BatonError {
  /** Always `'INPUT_VALIDATION'`. */
  readonly code = 'INPUT_VALIDATION' as const;
  /** Every failed constraint, with its property path. */
  readonly violations: readonly InputViolation[];

  /**
   * Builds the error, its message listing every violation with its property path.
   *
   * @param subject - what was validated, for the message: `'input'`, or e.g. `"signal 'approve' payload"` (default `'input'`)
   */
  constructor(
    inputClass: string,
    violations: readonly InputViolation[],
    context: BatonErrorContext = {},
    subject = 'input',
  ) {
    const lines = violations.map((v) => `  - ${v.path || `(${subject})`}: ${v.message}`);
    super(`Invalid ${subject} for ${context.workflow ?? inputClass} (${inputClass}):\n${lines.join('\n')}`, context);
    this.violations = violations;
  }
}
