import type { ResearchInput } from '../research.input.js';
import type { ResearchPlan } from '../research.types.js';
import { SOURCES } from '../services/sources.js';
import { bill, pause, type CallContext } from './model-call.js';
import { LATENCY_MS, TOKENS } from './model-profile.js';

/** Plans the research: one query per known source, all about the topic. */
export class PlannerAgent {
  /** The plan for `input`: its topic, its depth (`'standard'` unless given) and one query per source. */
  async plan(input: ResearchInput, ctx: CallContext): Promise<ResearchPlan> {
    await pause(LATENCY_MS.plan, ctx.signal);
    bill(ctx, 'planner', TOKENS.plan);
    return {
      topic: input.topic,
      depth: input.depth ?? 'standard',
      sources: SOURCES.map((source) => ({ source, query: input.topic })),
    };
  }
}
