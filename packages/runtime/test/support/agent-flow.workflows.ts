import { Fallback, NonRetryableError, Parallel, Route, Step, Workflow, type StepContext } from '@baton/sdk';
import { bump, untilAborted } from './conformance.workflows.js';

/**
 * The agent-control-flow workflows of the Transport conformance suite (loops, joins, budgets; DESIGN §7).
 * Steps record what they saw with `bump` (keyed by run id) like the rest of the suite.
 */

/** What a pass of `draft` saw: its pass, the previous review's verdict, and its idempotency key. */
export const passes = new Map<string, Array<{ iteration: number; previous: unknown; key: string }>>();

type LoopInput = { approveOn: number };

/** draft ↔ review (≤ 3 passes), approved on pass `approveOn`; after the cap the fallback publishes. */
@Workflow({ name: 'conf-loop' })
export class ConfLoopWorkflow {
  @Step() draft(ctx: StepContext<LoopInput, { review?: string }>) {
    const list = passes.get(ctx.runId) ?? [];
    list.push({ iteration: ctx.iteration, previous: ctx.results.review, key: ctx.idempotencyKey });
    passes.set(ctx.runId, list);
    return `draft ${ctx.iteration}`;
  }
  @Fallback(() => 'done')
  @Route(['draft', 'done'], { maxIterations: 3 })
  review(ctx: StepContext<LoopInput>) {
    return ctx.iteration >= ctx.input.approveOn ? 'done' : 'draft';
  }
  @Step() done(ctx: StepContext<LoopInput, { draft: string }>) {
    return { final: ctx.results.draft, passes: passes.get(ctx.runId)?.length };
  }
}

/** The same loop without a fallback: going round once more than the cap fails the run. */
@Workflow({ name: 'conf-loop-strict' })
export class ConfLoopStrictWorkflow {
  @Step() draft(ctx: StepContext) {
    return ctx.iteration;
  }
  @Route(['draft', 'done'], { maxIterations: 2 }) review() {
    return 'draft';
  }
  @Step() done() {
    return 'never';
  }
}

/** A race: `fast` answers, `slow` waits to be aborted; `pick` (join any) goes on with the first. */
@Workflow({ name: 'conf-race' })
export class ConfRaceWorkflow {
  @Step() ask() {
    return 'question';
  }
  @Parallel() @Step() fast() {
    return 'fast answer';
  }
  @Parallel() @Step() slow(ctx: StepContext) {
    bump(ctx.runId, 'slow');
    return untilAborted(ctx, 'slow answer');
  }
  @Step({ join: 'any' }) pick(ctx: StepContext<unknown, { fast?: string; slow?: string }>) {
    bump(ctx.runId, 'pick');
    return ctx.results.fast ?? ctx.results.slow;
  }
}

/** Three sources, one failing for good; `gather` (allSettled) goes on with what came back. */
@Workflow({ name: 'conf-settled' })
export class ConfSettledWorkflow {
  @Parallel() @Step() web() {
    return 'web notes';
  }
  @Parallel() @Step() archive(): string {
    throw new NonRetryableError('archive is down');
  }
  @Parallel() @Step() papers() {
    return 'paper notes';
  }
  @Step({ join: 'allSettled' })
  gather(ctx: StepContext<unknown, Record<string, string | undefined>>) {
    return {
      notes: [ctx.results.web, ctx.results.archive ?? null, ctx.results.papers],
      failed: Object.fromEntries(Object.entries(ctx.failures).map(([name, error]) => [name, error.message])),
    };
  }
}

/** forEach over sources where one item fails; the tolerant join sees the others' outputs. */
@Workflow({ name: 'conf-settled-items' })
export class ConfSettledItemsWorkflow {
  @Parallel({ forEach: () => ['a', 'broken', 'c'] })
  @Step()
  search(ctx: StepContext<unknown, object, string>): string {
    if (ctx.item === 'broken') throw new NonRetryableError('source broken');
    return `notes ${ctx.item}`;
  }
  @Step({ join: 'allSettled' }) collect(ctx: StepContext<unknown, { search: Array<string | null> }>) {
    return { notes: ctx.results.search, failed: Object.keys(ctx.failures) };
  }
}

/** Each step spends tokens; the budget (100) is crossed by the second. */
@Workflow({ name: 'conf-budget', budget: { tokens: 100 } })
export class ConfBudgetWorkflow {
  @Step() first(ctx: StepContext<{ second: number }>) {
    ctx.usage({ tokens: 60, costUsd: 0.25 });
    return 1;
  }
  @Step() second(ctx: StepContext<{ second: number }>) {
    ctx.usage({ tokens: ctx.input.second, searches: 1 });
    return 2;
  }
  @Step() third(ctx: StepContext) {
    bump(ctx.runId, 'third');
    return 3;
  }
}

/** A child that spends; its parent's budget counts it. */
@Workflow({ name: 'conf-budget-child' })
export class ConfBudgetChildWorkflow {
  @Step() spend(ctx: StepContext<{ tokens: number }>) {
    ctx.usage({ tokens: ctx.input.tokens });
    return 'spent';
  }
}

@Workflow({ name: 'conf-budget-parent', budget: { tokens: 50 } })
export class ConfBudgetParentWorkflow {
  @Step() delegate(ctx: StepContext<{ tokens: number }>) {
    return ctx.run(ConfBudgetChildWorkflow, { tokens: ctx.input.tokens });
  }
  @Step() after(ctx: StepContext) {
    bump(ctx.runId, 'after');
    return 'after';
  }
}

/** Every workflow of this section. */
export const AGENT_FLOW_PROVIDERS = [
  ConfLoopWorkflow,
  ConfLoopStrictWorkflow,
  ConfRaceWorkflow,
  ConfSettledWorkflow,
  ConfSettledItemsWorkflow,
  ConfBudgetWorkflow,
  ConfBudgetChildWorkflow,
  ConfBudgetParentWorkflow,
];
