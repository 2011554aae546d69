import { Fallback, Parallel, Retry, Route, Step, Workflow, type StepContext } from '@baton/sdk';

/** The support ticket's shape, small: a route, a parallel pair, a retried step with a fallback, a child run. */
@Workflow({ name: 'traced-ticket' })
export class TracedTicketWorkflow {
  @Step()
  classify(ctx: StepContext<{ kind: string }>) {
    return { kind: ctx.input.kind };
  }

  @Route(['billingAgent', 'bugAgent'])
  route(ctx: StepContext<unknown, { classify: { kind: string } }>) {
    return ctx.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent';
  }

  @Step() billingAgent() {
    return 'billing';
  }
  @Step() bugAgent() {
    return 'bug';
  }

  @Parallel()
  @Retry({ attempts: 2, delay: 10 })
  @Fallback(() => ({ account: null }))
  @Step()
  accountLookup(): { account: string | null } {
    throw new Error('CRM unreachable');
  }

  @Parallel() @Step() kbSearch(ctx: StepContext) {
    return ctx.run<string>('traced-child', { q: 'refund' });
  }

  @Step() draft() {
    return 'reply';
  }
}

/** The child run `kbSearch` starts. */
@Workflow({ name: 'traced-child' })
export class TracedChildWorkflow {
  @Step() search() {
    return 'article';
  }
}

/** A step that runs until it is aborted (the run is cancelled). */
@Workflow({ name: 'traced-slow' })
export class TracedSlowWorkflow {
  @Step()
  wait(ctx: StepContext) {
    return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
  }
}
export const TRACED_WORKFLOWS = [TracedTicketWorkflow, TracedChildWorkflow, TracedSlowWorkflow];
