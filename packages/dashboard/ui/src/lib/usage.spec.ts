import { describe, expect, it } from 'vitest';
import { budgetLines, exceededBudget } from './budget-use.js';
import {
  addUsage,
  compactUsage,
  describeUsage,
  formatUsageValue,
  maxUsage,
  usageAmounts,
  usageEntries,
} from './usage.js';

const nb = (text: string): string => text.replace(/\u202f/g, ' ');

describe('usage', () => {
  it('reads only finite number counters, adds them without float noise, and merges by the larger amount', () => {
    expect(usageAmounts({ tokens: 10, costUsd: 0.1, note: 'x', bad: Number.NaN })).toEqual({
      tokens: 10,
      costUsd: 0.1,
    });
    expect(usageAmounts({ truncated: true, preview: '…' })).toBeUndefined();
    expect(addUsage({ costUsd: 0.1 }, { costUsd: 0.2, tokens: 5 })).toEqual({ costUsd: 0.3, tokens: 5 });
    expect(maxUsage({ tokens: 10, steps: 3 }, { tokens: 12, searches: 1 })).toEqual({
      tokens: 12,
      steps: 3,
      searches: 1,
    });
    expect(maxUsage(undefined, { tokens: 1 })).toEqual({ tokens: 1 });
  });

  it('orders steps, tokens and cost first, and formats amounts for people', () => {
    expect(usageEntries({ searches: 2, costUsd: 0.5, tokens: 3, steps: 4 }).map(([c]) => c)).toEqual([
      'steps',
      'tokens',
      'costUsd',
      'searches',
    ]);
    expect(nb(formatUsageValue('tokens', 1840))).toBe('1 840');
    expect(nb(formatUsageValue('tokens', 1234567.5))).toBe('1 234 567.5');
    expect(formatUsageValue('costUsd', 0.0112)).toBe('$0.0112');
    expect(formatUsageValue('costUsd', 12.5)).toBe('$12.50');
    expect(formatUsageValue('costUsd', 0.00001)).toBe('<$0.0001');
    expect(compactUsage({ tokens: 1840, costUsd: 0.0187 })).toBe('1.8k tok');
    expect(compactUsage({ tokens: 12_400 })).toBe('12k tok');
    expect(compactUsage({ costUsd: 0.0187 })).toBe('$0.019');
    expect(compactUsage({ tokens: 480 })).toBe('480 tok');
    expect(compactUsage({ searches: 3 })).toBe('3 searches');
    expect(compactUsage(undefined)).toBeUndefined();
    expect(nb(describeUsage({ costUsd: 0.02, tokens: 2250 }))).toBe('tokens 2 250 · cost $0.02');
  });

  it('shows each counter against its cap, and marks the one a BUDGET_EXCEEDED names', () => {
    const error = {
      name: 'BudgetExceededError',
      message: 'over',
      code: 'BUDGET_EXCEEDED',
      details: { budget: 'tokens', cap: 2000, spent: 2250 },
    };
    expect(exceededBudget(error)).toBe('tokens');
    const lines = budgetLines({ steps: 9, tokens: 2250, costUsd: 0.02 }, { tokens: 2000, steps: 20 }, error);
    expect(lines.map((l) => [l.label, nb(l.text), l.over])).toEqual([
      ['steps', '9 / 20', false],
      ['tokens', '2 250 / 2 000', true],
      ['cost', '$0.02', false],
    ]);
    expect(budgetLines(undefined, { costUsd: 1 }).map((l) => l.text)).toEqual(['$0 / $1.00']);
    expect(budgetLines(undefined, undefined)).toEqual([]);
  });
});
