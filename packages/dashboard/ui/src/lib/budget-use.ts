import type { ErrorInfo } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';
import { formatUsageValue, usageEntries, usageLabel, type UsageTotals } from './usage.js';

/** One counter of a run's usage as the run header shows it, against its cap when the budget sets one. */
export interface BudgetLine {
  counter: string;
  label: string;
  spent: number;
  cap?: number;
  /** `1 840 / 5 000`, or `1 840` without a cap. */
  text: string;
  /** This cap failed the run (`BUDGET_EXCEEDED` naming it), or the amount is over it. */
  over: boolean;
}

/** The counter a `BudgetExceededError` names (`details.budget`), when the run failed with one. */
export function exceededBudget(error: ErrorInfo | undefined): string | undefined {
  if (error?.code !== 'BUDGET_EXCEEDED') return undefined;
  const budget = error.details?.budget;
  return typeof budget === 'string' ? budget : undefined;
}

/**
 * The run's usage by counter (steps, tokens, cost, then its own counters), each capped counter against
 * the workflow's budget; a capped counter with nothing spent yet shows as 0.
 */
export function budgetLines(
  usage: UsageTotals | undefined,
  budget: WorkflowGraph['budget'],
  error?: ErrorInfo,
): BudgetLine[] {
  const totals: UsageTotals = { ...usage };
  for (const [counter, cap] of Object.entries(budget ?? {})) if (cap !== undefined) totals[counter] ??= 0;
  const exceeded = exceededBudget(error);
  return usageEntries(totals).map(([counter, spent]) => {
    const cap = (budget as Record<string, number | undefined> | undefined)?.[counter];
    const amount = formatUsageValue(counter, spent);
    return {
      counter,
      label: usageLabel(counter),
      spent,
      ...(cap !== undefined && { cap }),
      text: cap !== undefined ? `${amount} / ${formatUsageValue(counter, cap)}` : amount,
      over: exceeded === counter || (cap !== undefined && spent > cap),
    };
  });
}
