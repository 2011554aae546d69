import { Fallback, Parallel, Retry, Route, Step, Workflow, type StepContext } from '@baton/sdk';
import { toArticle } from './agents/article.js';
import { collectNotes } from './agents/collect-notes.js';
import { CriticAgent } from './agents/critic.agent.js';
import { FastOutlineModel } from './agents/fast-outline.model.js';
import { MAX_PASSES, RESEARCH_TOKEN_BUDGET } from './agents/model-profile.js';
import { PlannerAgent } from './agents/planner.agent.js';
import { SlowOutlineModel } from './agents/slow-outline.model.js';
import { WriterAgent } from './agents/writer.agent.js';
import { ResearchInput } from './research.input.js';
import type { ResearchResults as R, SourceQuery } from './research.types.js';
import { SearchService } from './services/search.service.js';

/** `ctx` of a step that reads the outputs `K`, and `Earlier` from the loop's previous pass (none on the first). */
type Ctx<K extends keyof R, Earlier extends keyof R = never> = StepContext<
  ResearchInput,
  Pick<R, K> & Partial<Pick<R, Earlier>>
>;

/**
 * A research agent: plans, searches every source at once (tolerating the ones that fail), races a fast
 * and a slow model for the outline, then writes and reviews in a loop of at most three passes.
 */
@Workflow({
  name: 'research-agent',
  input: ResearchInput,
  output: 'publish',
  timeout: 60_000,
  budget: { tokens: RESEARCH_TOKEN_BUDGET },
  description: 'Plans, searches sources in parallel, races two models for an outline, then writes until approved.',
})
export class ResearchAgentWorkflow {
  constructor(
    private readonly planner: PlannerAgent,
    private readonly sources: SearchService,
    private readonly fast: FastOutlineModel,
    private readonly slow: SlowOutlineModel,
    private readonly writer: WriterAgent,
    private readonly critic: CriticAgent,
  ) {}

  @Step()
  plan(ctx: StepContext<ResearchInput>) {
    return this.planner.plan(ctx.input, ctx);
  }

  // One source is always down: its item fails, the others go on, and `collect` (allSettled) tolerates it.
  @Parallel({ forEach: (ctx: Ctx<'plan'>) => ctx.results.plan.sources, concurrency: 3 })
  @Retry({ attempts: 2, delay: 100 })
  @Step()
  search(ctx: StepContext<ResearchInput, Pick<R, 'plan'>, SourceQuery>) {
    return this.sources.search(ctx.item!, ctx.results.plan.depth, ctx);
  }

  @Step({ join: 'allSettled' })
  collect(ctx: Ctx<'plan' | 'search'>) {
    return collectNotes(ctx.results.plan, ctx.results.search, ctx.failures.search);
  }

  @Parallel() @Step() fastModel(ctx: Ctx<'collect'>) {
    return this.fast.outline(ctx.input.topic, ctx.results.collect, ctx);
  }
  @Parallel() @Step() slowModel(ctx: Ctx<'collect'>) {
    return this.slow.outline(ctx.input.topic, ctx.results.collect, ctx);
  }

  // The first model to answer wins; the other is aborted and skipped as 'superseded'.
  @Step({ join: 'any' })
  outline(ctx: Ctx<'fastModel' | 'slowModel'>) {
    return ctx.results.fastModel ?? ctx.results.slowModel!;
  }

  // The loop: write → review → critique, back to write until approved, at most MAX_PASSES passes.
  @Step()
  write(ctx: Ctx<'plan' | 'collect' | 'outline', 'write' | 'review'>) {
    const { plan, collect, outline, write, review } = ctx.results;
    const previous = { draft: write, review };
    return this.writer.draft({ outline, collected: collect, depth: plan.depth, pass: ctx.iteration, previous }, ctx);
  }

  @Step()
  review(ctx: Ctx<'write'>) {
    return this.critic.review(ctx.input.topic, ctx.results.write, ctx);
  }

  // Choosing 'write' after the last pass fails with LoopLimitError; the fallback publishes instead.
  @Fallback(() => 'publish')
  @Route(['write', 'publish'], { maxIterations: MAX_PASSES })
  critique(ctx: Ctx<'review'>) {
    return ctx.results.review.approved ? 'publish' : 'write';
  }

  @Step()
  publish(ctx: Ctx<'write' | 'review' | 'collect' | 'outline'>) {
    const { write, review, collect, outline } = ctx.results;
    return toArticle(write, review, collect, outline);
  }
}
