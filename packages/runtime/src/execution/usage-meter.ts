import { addUsage } from '../coordinator/usage.js';
import type { UsageTotals } from '../coordinator/run-snapshot.js';
import type { Usage } from '@baton/sdk';
import { InvalidUsageError } from '../errors/invalid-usage.error.js';

/** What one attempt spent, as `ctx.usage(...)` reported it; added to the attempt's outcome event. */
export class UsageMeter {
  private totals: UsageTotals | undefined;

  constructor(private readonly where: { workflow: string; step: string; runId: string }) {}

  /** Adds amounts after checking them: finite numbers ≥ 0, and not `steps` (Baton counts executions itself). */
  add(amounts: Usage): void {
    if (amounts === null || typeof amounts !== 'object' || Array.isArray(amounts)) {
      throw new InvalidUsageError('usage must be an object of counters, e.g. { tokens: 120 }', this.where);
    }
    for (const [counter, amount] of Object.entries(amounts)) {
      if (counter === 'steps') throw new InvalidUsageError("'steps' is counted by Baton itself", this.where);
      if (amount === undefined) continue;
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
        throw new InvalidUsageError(`usage.${counter} must be a finite number ≥ 0, got ${String(amount)}`, this.where);
      }
    }
    this.totals = addUsage(this.totals ?? {}, amounts);
  }

  /** Adds what a child run spent (its `steps` included: a child's executions count against the parent). */
  addChild(totals: UsageTotals): void {
    this.totals = addUsage(this.totals ?? {}, totals);
  }

  /** `{ usage }` for an outcome event when anything was spent, else nothing. */
  report(): { usage?: UsageTotals } {
    return this.totals ? { usage: this.totals } : {};
  }
}
