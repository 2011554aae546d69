import { IsIn, IsOptional, IsString } from 'class-validator';
import { Delay, Fallback, Step, WaitFor, Workflow, type StepContext } from '@baton/sdk';
import { bump } from './conformance.workflows.js';

/**
 * The waiting workflows of the Transport conformance suite (signals, timeouts, delays, progress;
 * DESIGN §7). Steps record what they saw with `bump` (keyed by run id) like the rest of the suite.
 */

/** A supervisor's decision, validated like a workflow input. */
export class Decision {
  @IsIn(['approve', 'reject']) verdict!: 'approve' | 'reject';
  @IsOptional() @IsString() comment?: string;
  describe(): string {
    return `${this.verdict}${this.comment ? `: ${this.comment}` : ''}`;
  }
}

/** What the step that received a decision saw: whether it was an instance of the payload class. */
export const received = new Map<string, { instance: boolean; text: string }>();

/** draft → review (waits for 'decision', 400 ms, fallback escalates) → send. */
@Workflow({ name: 'conf-approval' })
export class ConfApprovalWorkflow {
  @Step() draft(ctx: StepContext) {
    ctx.progress({ tokens: 'Dear' });
    ctx.progress({ tokens: 'Dear customer' });
    return 'reply';
  }
  @Fallback(() => 'escalated')
  @WaitFor('decision', { payload: Decision, timeout: 400 })
  @Step()
  review(ctx: StepContext<unknown, object, unknown, Decision>) {
    const decision = ctx.received!;
    received.set(ctx.runId, { instance: decision instanceof Decision, text: decision.describe() });
    return decision.verdict;
  }
  @Step() send(ctx: StepContext<unknown, { review: string }>) {
    bump(ctx.runId, 'send');
    return `sent (${ctx.results.review})`;
  }
}

/** Waits for 'go' without a timeout, twice in a row; each takes one signal. */
@Workflow({ name: 'conf-two-waits' })
export class ConfTwoWaitsWorkflow {
  @WaitFor('go') @Step() first(ctx: StepContext) {
    return ctx.received;
  }
  @WaitFor('go') @Step() second(ctx: StepContext<unknown, { first: unknown }>) {
    return [ctx.results.first, ctx.received];
  }
}

/** A step delayed by 300 ms. */
@Workflow({ name: 'conf-delay' })
export class ConfDelayWorkflow {
  @Step() before() {
    return Date.now();
  }
  @Delay(300) @Step() after(ctx: StepContext<unknown, { before: number }>) {
    return Date.now() - ctx.results.before;
  }
}

/** Every workflow of this section. */
export const WAIT_PROVIDERS = [ConfApprovalWorkflow, ConfTwoWaitsWorkflow, ConfDelayWorkflow];
