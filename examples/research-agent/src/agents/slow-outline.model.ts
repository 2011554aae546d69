import type { Collected, Outline } from '../research.types.js';
import { bill, pause, type CallContext } from './model-call.js';
import { LATENCY_MS, TOKENS } from './model-profile.js';

/**
 * A large, slow model: a finer outline after two seconds. It waits on a timer that `ctx.signal` cancels,
 * so when the fast model wins the race it stops at once and spends nothing.
 */
export class SlowOutlineModel {
  /** An outline of `topic` from the collected notes; rejects with the abort reason if `ctx.signal` aborts first. */
  async outline(topic: string, collected: Collected, ctx: CallContext): Promise<Outline> {
    await pause(LATENCY_MS.slowOutline, ctx.signal);
    bill(ctx, 'slow', TOKENS.slowOutline);
    return {
      model: 'slow',
      title: `${topic}: a survey of ${collected.notes.length} sources`,
      sections: ['Background', 'State of the art', 'Findings', 'Controversies', 'Open questions'],
    };
  }
}
