import { Delay, Parallel, Retry, Step, Workflow, type StepContext } from '@baton/sdk';

/** The backoff of the flaky steps' retries and the delay of `later`, in ms: neither is queue wait. */
export const QUEUE_WAIT_BACKOFF_MS = 1_000;

function failFirst(ctx: StepContext): string {
  if (ctx.attempt === 1) throw new Error('not yet');
  return 'ok';
}

/** Steps that go through the queue in every way: a fan-out, a retry after a backoff, forEach items, a delayed step. */
@Workflow({ name: 'queue-wait' })
export class QueueWaitWorkflow {
  @Step() first() {
    return 1;
  }

  @Parallel() @Step() left() {
    return 'l';
  }
  @Parallel() @Step() right() {
    return 'r';
  }

  // A fan-out's first step may run on the worker that committed the fan-out; the other goes through the
  // queue, so one of the two is retried by Bull itself (a delayed job) and the other by a new delayed job.
  @Parallel()
  @Retry({ attempts: 2, delay: QUEUE_WAIT_BACKOFF_MS, backoff: 'fixed' })
  @Step()
  flakyA(ctx: StepContext) {
    return failFirst(ctx);
  }
  @Parallel()
  @Retry({ attempts: 2, delay: QUEUE_WAIT_BACKOFF_MS, backoff: 'fixed' })
  @Step()
  flakyB(ctx: StepContext) {
    return failFirst(ctx);
  }

  @Parallel({ forEach: () => [1, 2, 3] }) @Step() each(ctx: StepContext<unknown, object, number>) {
    return ctx.item;
  }

  @Delay(QUEUE_WAIT_BACKOFF_MS) @Step() later() {
    return 'done';
  }
}
