import { NonRetryableError } from '@baton/sdk';
import { bill, pause, type CallContext } from '../agents/model-call.js';
import { LATENCY_MS, TOKENS } from '../agents/model-profile.js';
import type { ResearchDepth } from '../research.input.js';
import type { SourceNotes, SourceQuery } from '../research.types.js';
import { FLAKY_SOURCE, notesOf } from './sources.js';

/**
 * Searches one source. Reading costs tokens (more at `exhaustive` depth) and counts one `searches`;
 * {@link FLAKY_SOURCE} is down and fails at once with a `NonRetryableError` (spending nothing).
 */
export class SearchService {
  /** The notes `query.source` has on `query.query`, read at `depth`. */
  async search(query: SourceQuery, depth: ResearchDepth, ctx: CallContext): Promise<SourceNotes> {
    const notes = notesOf(query.source, query.query);
    if (query.source === FLAKY_SOURCE || !notes) {
      await pause(LATENCY_MS.flakySource, ctx.signal);
      throw new NonRetryableError(`Source ${query.source} is unavailable (HTTP 503); retrying will not help.`);
    }
    await pause(LATENCY_MS.search, ctx.signal);
    bill(ctx, 'search', TOKENS.search[depth], { searches: 1 });
    return { source: query.source, notes };
  }
}
