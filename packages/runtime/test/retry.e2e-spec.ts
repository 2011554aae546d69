import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NonRetryableError, Retry, Step, StepFailedError, Workflow } from '@baton/sdk';
import { createTestingRuntime, type TestingRuntime } from '../src/testing/index.js';
import { recordEvents } from './trace.js';

const calls: number[] = [];

@Workflow({ name: 'flaky' })
class FlakyWorkflow {
  failures = 0;
  @Retry({ attempts: 4, backoff: 'exponential', delay: 100 })
  @Step()
  call() {
    calls.push(Date.now());
    if (this.failures-- > 0) throw new Error('flaky');
    return 'ok';
  }
}

@Workflow({ name: 'capped' })
class CappedWorkflow {
  @Retry({ attempts: 5, backoff: 'exponential', delay: 100, maxDelay: 250, jitter: 0.5 })
  @Step()
  call(): string {
    calls.push(Date.now());
    throw new Error('always');
  }
}

@Workflow({ name: 'steered' })
class SteeredWorkflow {
  @Retry({ attempts: 5, backoff: 'fixed', delay: 10, retryIf: (error) => !(error instanceof TypeError) })
  @Step()
  call(ctx: { input: { kind: string } }): string {
    calls.push(Date.now());
    if (ctx.input.kind === 'non-retryable') throw new NonRetryableError('no such customer');
    throw new TypeError('bad data');
  }
}

describe('@Retry on the memory transport (fake timers)', () => {
  let runtime: TestingRuntime;
  beforeEach(async () => {
    vi.useFakeTimers({ now: 0 });
    calls.length = 0;
    runtime = await createTestingRuntime({ workflows: [FlakyWorkflow, CappedWorkflow, SteeredWorkflow] });
  });
  afterEach(async () => {
    await runtime.close();
    vi.useRealTimers();
  });

  it('waits delay * 2^(n-1) between attempts and succeeds on the last one', async () => {
    runtime.module.get(FlakyWorkflow).failures = 3;
    const handle = await runtime.client.start('flaky', {});
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(handle.result()).resolves.toBe('ok');
    expect(calls).toEqual([0, 100, 300, 700]);
    const run = await runtime.client.getRun(handle.runId);
    expect(run.steps.call).toMatchObject({ status: 'succeeded', attempts: 4 });
    expect(run.steps.call.error).toBeUndefined();
  });

  it('caps delays at maxDelay and draws jitter from the documented range', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('capped', {});
    const outcome = handle.result().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await outcome).toBeInstanceOf(StepFailedError);
    // Full delays 100, 200, 250 (capped), 250; jitter 0.5 with random() = 1 halves each.
    const delays = trace
      .of(handle.runId)
      .filter((e) => e.type === 'step.retrying')
      .map((e) => e.data.delayMs);
    expect(delays).toEqual([50, 100, 125, 125]);
    expect(calls).toEqual([0, 50, 150, 275, 400]);
  });

  it('stops retrying at once on NonRetryableError', async () => {
    const handle = await runtime.client.start('steered', { kind: 'non-retryable' });
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepFailedError);
    expect((error as StepFailedError).cause).toBeInstanceOf(NonRetryableError);
    expect(calls).toHaveLength(1);
    expect((await runtime.client.getRun(handle.runId)).steps.call).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('stops retrying when retryIf returns false', async () => {
    const handle = await runtime.client.start('steered', { kind: 'type-error' });
    const error = await handle.result().catch((e: unknown) => e);
    expect((error as StepFailedError).cause).toBeInstanceOf(TypeError);
    expect(calls).toHaveLength(1);
  });
});
