import type { ResearchDepth } from '../research.input.js';
import type { Collected, Draft, Outline, Review } from '../research.types.js';
import { ADD_CONCLUSION, CITE_SOURCES, CONCLUSION_MARK } from './feedback.js';
import { bill, pause, type CallContext } from './model-call.js';
import { LATENCY_MS, TOKENS } from './model-profile.js';

/** What the writer works from on one pass. */
export interface WritingBrief {
  outline: Outline;
  collected: Collected;
  depth: ResearchDepth;
  /** The loop pass, from 1 (`ctx.iteration`). */
  pass: number;
  /** The previous pass's draft and the critic's verdict on it; both undefined on the first pass. */
  previous: { draft: Draft | undefined; review: Review | undefined };
}

/**
 * Drafts the article from the outline and the notes. The first pass is a plain draft; each later pass
 * keeps what the previous draft already had and acts on the critic's review of it: it cites the sources,
 * adds a conclusion, and notes a revision for any other remark.
 */
export class WriterAgent {
  /** This pass's draft. */
  async draft(brief: WritingBrief, ctx: CallContext): Promise<Draft> {
    await pause(LATENCY_MS.write, ctx.signal);
    bill(ctx, 'writer', TOKENS.write[brief.depth]);
    const { draft: before, review } = brief.previous;
    const feedback = review?.feedback ?? [];
    const cite = feedback.includes(CITE_SOURCES) || (before?.citations.length ?? 0) > 0;
    const conclude = feedback.includes(ADD_CONCLUSION) || (before?.body.includes(CONCLUSION_MARK) ?? false);
    const notes = brief.collected.notes.flatMap((n) => n.notes);
    const paragraphs = brief.outline.sections.map((section, i) => `${section}: ${notes[i] ?? 'to be researched'}.`);
    const others = feedback.filter((remark) => remark !== CITE_SOURCES && remark !== ADD_CONCLUSION);
    if (others.length > 0) paragraphs.push(`Revised on pass ${brief.pass} for: ${others.join(' ')}`);
    if (conclude) paragraphs.push(`${CONCLUSION_MARK}, ${brief.outline.title}.`);
    return {
      pass: brief.pass,
      title: brief.outline.title,
      body: paragraphs.join('\n'),
      citations: cite ? brief.collected.notes.map((n) => n.source) : [],
      addressed: feedback,
    };
  }
}
