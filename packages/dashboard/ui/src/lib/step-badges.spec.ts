import { describe, expect, it } from 'vitest';
import type { StepNode } from '@baton/sdk';
import { stepBadges } from './step-badges.js';
import { GRAPH } from './trace.fixtures.js';

const stepNamed = (name: string): StepNode => GRAPH.steps.find((s) => s.name === name)!;
const withAttempts = (attempts: number): StepNode => ({
  ...stepNamed('lookup'),
  retry: { attempts, backoff: 'exponential', delay: 1000, jitter: 0 },
});

describe('stepBadges: attempts', () => {
  it('counts attempts, the first included, and says how many are retries', () => {
    const badge = stepBadges(withAttempts(3)).find((b) => b.kind === 'retry');
    expect(badge?.label).toBe('3 attempts');
    expect(badge?.title).toMatch(/^up to 3 attempts \(the first and 2 retries\), exponential backoff from 1(\.0)? ?s/);
  });

  it('words one retry in the singular', () => {
    const badge = stepBadges(stepNamed('lookup')).find((b) => b.kind === 'retry');
    expect(badge?.label).toBe('2 attempts');
    expect(badge?.title).toContain('(the first and 1 retry)');
  });

  it('shows no attempts badge for a single attempt', () => {
    expect(stepBadges(withAttempts(1)).map((b) => b.kind)).not.toContain('retry');
  });
});
