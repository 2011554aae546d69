import { Fallback, Route, Step, Workflow, type StepContext } from '@baton/sdk';
import { EssayModel, type Critique } from './essay.model.js';

type Input = { topic: string };

@Workflow({ name: 'essay', budget: { tokens: 10_000 } })
export class EssayWorkflow {
  constructor(private readonly llm: EssayModel) {}

  @Step() async write(ctx: StepContext<Input, { critique?: Critique }>) {
    const draft = await this.llm.write(ctx.input.topic, ctx.results.critique?.notes);
    ctx.usage({ tokens: draft.tokens });
    return draft.text;
  }

  @Step() async critique(ctx: StepContext<Input, { write: string }>) {
    const critique = await this.llm.critique(ctx.results.write);
    ctx.usage({ tokens: critique.tokens });
    return critique;
  }

  // Back to `write` until the critic is happy: at most 3 passes, then publish what there is.
  @Fallback(() => 'publish')
  @Route(['write', 'publish'], { maxIterations: 3 })
  decide(ctx: StepContext<Input, { critique: Critique }>) {
    return ctx.results.critique.ok ? 'publish' : 'write';
  }

  @Step() publish(ctx: StepContext<Input, { write: string }>) {
    return ctx.results.write;
  }
}
