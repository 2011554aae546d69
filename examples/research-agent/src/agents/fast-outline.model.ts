import type { Collected, Outline } from '../research.types.js';
import { bill, pause, type CallContext } from './model-call.js';
import { LATENCY_MS, TOKENS } from './model-profile.js';

/** A small, quick model: a three-section outline in tens of milliseconds. It wins the outline race. */
export class FastOutlineModel {
  /** An outline of `topic` from the collected notes. */
  async outline(topic: string, collected: Collected, ctx: CallContext): Promise<Outline> {
    await pause(LATENCY_MS.fastOutline, ctx.signal);
    bill(ctx, 'fast', TOKENS.fastOutline);
    const findings = collected.notes.length > 0 ? 'What the sources found' : 'What little is known';
    return { model: 'fast', title: `${topic}: a short guide`, sections: ['Background', findings, 'Open questions'] };
  }
}
