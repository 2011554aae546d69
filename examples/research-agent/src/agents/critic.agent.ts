import type { Draft, Review } from '../research.types.js';
import { ADD_CONCLUSION, CITE_SOURCES, CONCLUSION_MARK, NEVER_GOOD_ENOUGH, NOT_GOOD_ENOUGH } from './feedback.js';
import { bill, pause, type CallContext } from './model-call.js';
import { LATENCY_MS, TOKENS } from './model-profile.js';

/**
 * Reviews a draft: it wants citations and a conclusion, so a first draft is sent back and the second is
 * approved; a topic containing {@link NEVER_GOOD_ENOUGH} is sent back every time.
 */
export class CriticAgent {
  /** The verdict on `draft`: approved when it has no remark left. */
  async review(topic: string, draft: Draft, ctx: CallContext): Promise<Review> {
    await pause(LATENCY_MS.review, ctx.signal);
    bill(ctx, 'critic', TOKENS.review);
    const feedback: string[] = [];
    if (draft.citations.length === 0) feedback.push(CITE_SOURCES);
    if (!draft.body.includes(CONCLUSION_MARK)) feedback.push(ADD_CONCLUSION);
    if (topic.toLowerCase().includes(NEVER_GOOD_ENOUGH)) feedback.push(NOT_GOOD_ENOUGH);
    return { pass: draft.pass, approved: feedback.length === 0, feedback };
  }
}
