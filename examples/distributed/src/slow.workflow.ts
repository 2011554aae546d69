import { Step, Workflow, type StepContext } from '@baton/sdk';

/** A workflow with one slow step, to kill a worker in the middle of it. */
@Workflow({ name: 'slow' })
export class SlowWorkflow {
  @Step() before() {
    return 'ready';
  }

  @Step()
  async crunch(ctx: StepContext<{ ms: number }>) {
    await new Promise((resolve) => setTimeout(resolve, ctx.input.ms));
    return { crunched: true, by: process.pid };
  }

  @Step() after(ctx: StepContext<unknown, { crunch: { by: number } }>) {
    return { done: true, crunchedBy: ctx.results.crunch.by };
  }
}
