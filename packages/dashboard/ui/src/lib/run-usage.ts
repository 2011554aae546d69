import type { TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';
import { addUsage, usageAmounts, type UsageTotals } from './usage.js';

/**
 * What the trace says a run spent: every `step.usage` amount, and `steps`, its step executions as the
 * budget counts them (each scheduled step or loop pass, and each forEach item, but not a forEach step
 * itself). `undefined` before anything was scheduled.
 */
export function traceRunUsage(events: readonly TraceEvent[], graph?: WorkflowGraph): UsageTotals | undefined {
  const forEach = new Set(graph?.steps.filter((s) => s.kind === 'forEach').map((s) => s.name));
  let totals: UsageTotals | undefined;
  for (const event of events) {
    if (event.type === 'step.scheduled' && event.step !== undefined) {
      if (event.index !== undefined || !forEach.has(event.step)) totals = addUsage(totals ?? {}, { steps: 1 });
    } else if (event.type === 'step.usage') {
      const amounts = usageAmounts(event.data.usage);
      if (amounts) totals = addUsage(totals ?? {}, amounts);
    }
  }
  return totals;
}
