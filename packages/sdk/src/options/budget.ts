/**
 * What a run may spend (`@Workflow({ budget })`). Crossing a cap fails the run with `BudgetExceededError`
 * and aborts its running steps. Child runs count against their parent's budget.
 */
export interface Budget {
  /** Step executions: every run of a step, loop pass and forEach item counts once (retries do not). */
  steps?: number;
  /** Tokens reported with `ctx.usage({ tokens })`. */
  tokens?: number;
  /** Money reported with `ctx.usage({ costUsd })`, in US dollars. */
  costUsd?: number;
}

/** The budgets a run can set, by name. */
export type BudgetName = keyof Budget;

/**
 * What a step spent, reported with `ctx.usage(...)`: tokens, money, and any counters of your own
 * (`{ searches: 1 }`). Amounts add up per step and per run.
 */
export interface Usage {
  /** Tokens used (prompt and completion). */
  tokens?: number;
  /** Money spent, in US dollars. */
  costUsd?: number;
  /** Any other counter. */
  [counter: string]: number | undefined;
}
