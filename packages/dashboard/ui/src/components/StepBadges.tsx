import type { StepNode } from '@baton/sdk';
import { stepBadges } from '../lib/step-badges.js';

/** The policy badges of a step: for each, join, N attempts, timeout, fallback. */
export function StepBadges({ step }: { step: StepNode }) {
  const badges = stepBadges(step);
  if (badges.length === 0) return null;
  return (
    <span className="badges">
      {badges.map((b) => (
        <span key={b.kind} className={`badge-policy badge-${b.kind}`} title={b.title}>
          {b.label}
        </span>
      ))}
    </span>
  );
}
