import type { BudgetName } from '../options/budget.js';
import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A run spent more than `@Workflow({ budget })` allows; its running steps were aborted. */
export class BudgetExceededError extends BatonError {
  /** Always `'BUDGET_EXCEEDED'`. */
  readonly code = 'BUDGET_EXCEEDED' as const;
  /** Which budget was crossed. */
  readonly budget: BudgetName;
  /** Its cap. */
  readonly cap: number;
  /** The amount spent when it was crossed (children included). */
  readonly spent: number;

  constructor(budget: BudgetName, cap: number, spent: number, context: BatonErrorContext & { workflow: string }) {
    super(
      `Workflow ${context.workflow} exceeded its ${budget} budget: spent ${spent}, cap ${cap}` +
        `${context.runId ? ` (run ${context.runId})` : ''}. Raise @Workflow({ budget: { ${budget} } }) or spend less.`,
      context,
    );
    this.budget = budget;
    this.cap = cap;
    this.spent = spent;
  }
}
