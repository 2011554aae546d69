import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Fallback,
  Retry,
  Step,
  StepFailedError,
  StepTimeoutError,
  Timeout,
  Workflow,
  WorkflowTimeoutError,
  type StepContext,
} from '@baton/sdk';
import { createTestingRuntime, type TestingRuntime } from '../src/testing/index.js';
import { recordEvents, timeline } from './trace.js';

const seen: { signals: AbortSignal[]; late: string[] } = { signals: [], late: [] };

@Workflow({ name: 'slow' })
class SlowWorkflow {
  @Retry({ attempts: 2, delay: 10, backoff: 'fixed' })
  @Timeout(100)
  @Step()
  fetch(ctx: StepContext) {
    seen.signals.push(ctx.signal);
    // Ignores the signal and answers late: the late answer must be discarded.
    return new Promise((resolve) =>
      setTimeout(() => {
        seen.late.push(`attempt ${ctx.attempt}`);
        resolve(`late ${ctx.attempt}`);
      }, 500),
    );
  }

  @Step() after(ctx: StepContext<unknown, { fetch: unknown }>) {
    return { got: ctx.results.fetch };
  }
}

@Workflow({ name: 'fallbacks' })
class FallbackWorkflow {
  @Fallback('cannedAnswer') @Step() byMethod(): string {
    throw new Error('primary down');
  }

  @Fallback(() => {
    throw new Error('fallback down too');
  })
  @Step({ after: [] })
  throwing(): string {
    throw new Error('primary down');
  }

  cannedAnswer(_ctx: StepContext, error: unknown) {
    return `canned (${(error as Error).message})`;
  }
}

@Workflow({ name: 'bounded', timeout: 1_000 })
class BoundedWorkflow {
  @Step() forever(ctx: StepContext) {
    seen.signals.push(ctx.signal);
    return new Promise(() => undefined);
  }
  @Step() never() {
    return 'unreachable';
  }
}

describe('timeouts and fallbacks', () => {
  let runtime: TestingRuntime;
  beforeEach(async () => {
    vi.useFakeTimers({ now: 0 });
    seen.signals = [];
    seen.late = [];
    runtime = await createTestingRuntime({ workflows: [SlowWorkflow, FallbackWorkflow, BoundedWorkflow] });
  });
  afterEach(async () => {
    await runtime.close();
    vi.useRealTimers();
  });

  it('aborts the attempt signal on timeout with a StepTimeoutError, retries, and discards late results', async () => {
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('slow', {});
    const outcome = handle.result().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = (await outcome) as StepFailedError;
    expect(error).toBeInstanceOf(StepFailedError);
    expect(error.cause).toBeInstanceOf(StepTimeoutError);
    expect(seen.signals).toHaveLength(2);
    expect(seen.signals.every((s) => s.aborted && s.reason instanceof StepTimeoutError)).toBe(true);
    expect(seen.late).toEqual(['attempt 1', 'attempt 2']);
    const run = await runtime.client.getRun(handle.runId);
    expect(run.steps.fetch).toMatchObject({ status: 'failed', attempts: 2, error: { name: 'StepTimeoutError' } });
    expect(run.steps.after).toMatchObject({ status: 'skipped', skipReason: 'failed' });
    expect(timeline(trace.of(handle.runId), 'fetch')).toEqual([
      'step.scheduled:fetch',
      'step.started:fetch:#1',
      'step.retrying:fetch:#1',
      'step.started:fetch:#2',
      'step.failed:fetch:#2',
    ]);
  });

  it('recovers through a fallback method, and fails the step when the fallback throws', async () => {
    const handle = await runtime.client.start('fallbacks', {});
    const error = (await handle.result().catch((e: unknown) => e)) as StepFailedError;
    expect(error).toBeInstanceOf(StepFailedError);
    expect(error.step).toBe('throwing');
    expect((error.cause as Error).message).toBe('fallback down too');
    const run = await runtime.client.getRun(handle.runId);
    expect(run.steps.byMethod).toMatchObject({
      status: 'recovered',
      output: 'canned (primary down)',
      error: { message: 'primary down' },
    });
    expect(run.steps.throwing).toMatchObject({ status: 'failed', error: { message: 'fallback down too' } });
  });

  it('fails a run that exceeds @Workflow({ timeout }), aborting its running step', async () => {
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('bounded', {});
    const outcome = handle.result().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toBeInstanceOf(WorkflowTimeoutError);
    expect(seen.signals[0].aborted).toBe(true);
    const run = await runtime.client.getRun(handle.runId);
    expect(run).toMatchObject({ status: 'failed', endedAt: 1_000, error: { name: 'WorkflowTimeoutError' } });
    expect(run.steps.forever).toMatchObject({ status: 'failed', error: { name: 'StepAbortedError' } });
    expect(run.steps.never).toMatchObject({ status: 'skipped', skipReason: 'timeout' });
    expect(timeline(trace.of(handle.runId)).at(-1)).toBe('run.failed');
  });
});
