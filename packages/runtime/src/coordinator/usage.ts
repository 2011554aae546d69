import { BudgetExceededError, serializeError, type BudgetName, type Usage } from '@baton/sdk';
import type { ErrorInfo, UsageTotals } from './run-snapshot.js';
import type { StepState } from './run-state.js';
import type { TransitionDraft } from './transition-draft.js';

const BUDGETS: readonly BudgetName[] = ['steps', 'tokens', 'costUsd'];

/** Adds `amounts` to `totals` (counters that are not finite numbers are left out). */
export function addUsage(totals: UsageTotals, amounts: Usage | UsageTotals): UsageTotals {
  for (const [counter, amount] of Object.entries(amounts)) {
    if (typeof amount === 'number' && Number.isFinite(amount)) totals[counter] = round((totals[counter] ?? 0) + amount);
  }
  return totals;
}

/** Sums without binary noise in money (0.1 + 0.2 stays 0.3). */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** Records what one attempt of a step spent: on the step, on the run, and as a `step.usage` event. */
export function recordUsage(t: TransitionDraft, step: StepState, usage: Usage | undefined, index?: number): void {
  if (!usage) return;
  const amounts = addUsage({}, usage);
  if (Object.keys(amounts).length === 0) return;
  step.usage = addUsage(step.usage ?? {}, amounts);
  t.state.usage = addUsage(t.state.usage ?? {}, amounts);
  t.emit('step.usage', {
    step: step.name,
    ...(index !== undefined && { index }),
    data: { usage: amounts, total: { ...step.usage } },
  });
}

/** Counts one step execution (a step, a loop pass or a forEach item) against the run's `steps` budget. */
export function countExecution(t: TransitionDraft): void {
  t.state.usage = addUsage(t.state.usage ?? {}, { steps: 1 });
}

/** The `BudgetExceededError` of the first budget the run has crossed, if any. */
export function budgetCrossed(t: TransitionDraft): ErrorInfo | undefined {
  const budget = t.graph.budget;
  if (!budget) return undefined;
  for (const name of BUDGETS) {
    const cap = budget[name];
    const spent = t.state.usage?.[name] ?? 0;
    if (cap !== undefined && spent > cap) {
      return serializeError(
        new BudgetExceededError(name, cap, spent, { workflow: t.graph.name, runId: t.state.runId }),
      );
    }
  }
  return undefined;
}

/** Whether one more step execution would cross the `steps` budget. */
export function executionWouldCross(t: TransitionDraft): boolean {
  const cap = t.graph.budget?.steps;
  return cap !== undefined && (t.state.usage?.steps ?? 0) + 1 > cap;
}
