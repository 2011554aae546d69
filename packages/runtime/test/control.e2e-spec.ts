import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Parallel, RunCancelledError, Step, Workflow, type StepContext } from '@baton/sdk';
import { createTestingRuntime, type TestingRuntime } from '../src/testing/index.js';
import { recordEvents, timeline } from './trace.js';

/** A latch a test opens when it is ready to let steps finish. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const state = { running: 0, peak: 0, gate: latch(), aborted: [] as string[] };

@Workflow({ name: 'fan-out' })
class FanOutWorkflow {
  @Step() plan() {
    return { items: [5, 1, 4, 2, 3] };
  }

  @Parallel({
    forEach: (ctx: StepContext<unknown, { plan: { items: number[] } }>) => ctx.results.plan.items,
    concurrency: 2,
  })
  @Step()
  async square(ctx: StepContext<unknown, object, number>) {
    state.running += 1;
    state.peak = Math.max(state.peak, state.running);
    // Later items finish first, so the output order proves it follows the items, not completion.
    await new Promise((resolve) => setTimeout(resolve, ctx.item! * 3));
    state.running -= 1;
    return ctx.item! * ctx.item!;
  }

  @Step() sum(ctx: StepContext<unknown, { square: number[] }>) {
    return ctx.results.square.reduce((a, b) => a + b, 0);
  }
}

@Workflow({ name: 'stopper' })
class StopperWorkflow {
  @Step() check(ctx: StepContext<{ cached: boolean }>) {
    if (ctx.input.cached) ctx.stop({ answer: 'from cache' });
    return 'miss';
  }
  @Parallel() @Step() compute() {
    return 'computed';
  }
  @Parallel() @Step() alsoCompute() {
    return 'also';
  }
}

@Workflow({ name: 'long' })
class LongWorkflow {
  @Parallel() @Step() a(ctx: StepContext) {
    return waitForAbort(ctx, 'a');
  }
  @Parallel() @Step() b(ctx: StepContext) {
    return waitForAbort(ctx, 'b');
  }
  @Step() c() {
    return 'never';
  }
}

function waitForAbort(ctx: StepContext, name: string): Promise<never> {
  return new Promise((_resolve, reject) => {
    ctx.signal.addEventListener('abort', () => {
      state.aborted.push(name);
      reject(ctx.signal.reason);
    });
  });
}

describe('forEach, stop and cancel', () => {
  let runtime: TestingRuntime;
  beforeEach(async () => {
    Object.assign(state, { running: 0, peak: 0, gate: latch(), aborted: [] });
    runtime = await createTestingRuntime({ workflows: [FanOutWorkflow, StopperWorkflow, LongWorkflow] });
  });
  afterEach(() => runtime.close());

  it('runs forEach items at most `concurrency` at a time and keeps item order in the output', async () => {
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('fan-out', {});
    await expect(handle.result()).resolves.toBe(25 + 1 + 16 + 4 + 9);
    expect(state.peak).toBe(2);
    const run = await runtime.client.getRun(handle.runId);
    expect(run.steps.square).toMatchObject({ status: 'succeeded', output: [25, 1, 16, 4, 9], attempts: 5, items: 5 });
    const started = trace
      .of(handle.runId)
      .filter((e) => e.type === 'step.started' && e.step === 'square')
      .map((e) => e.index);
    expect([...started].sort()).toEqual([0, 1, 2, 3, 4]);
    const keys = trace
      .of(handle.runId)
      .filter((e) => e.step === 'square' && e.index !== undefined)
      .map((e) => `${e.runId}:${e.step}:${e.index}`);
    expect(new Set(keys).size).toBe(5);
  });

  it('ends the run at once with ctx.stop(output), skipping the steps not yet started', async () => {
    const handle = await runtime.client.start('stopper', { cached: true });
    await expect(handle.result()).resolves.toEqual({ answer: 'from cache' });
    const run = await runtime.client.getRun(handle.runId);
    expect(run.status).toBe('succeeded');
    expect(run.steps.compute).toMatchObject({ status: 'skipped', skipReason: 'stopped' });
    expect(run.steps.alsoCompute).toMatchObject({ status: 'skipped', skipReason: 'stopped' });
    await expect(runtime.client.execute('stopper', { cached: false })).resolves.toEqual({
      compute: 'computed',
      alsoCompute: 'also',
    });
  });

  it('cancels a run mid-way: running steps see their signal abort, pending ones never start, run.cancelled is recorded', async () => {
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('long', {});
    await expect.poll(() => trace.of(handle.runId).filter((e) => e.type === 'step.started').length).toBe(2);
    await expect(runtime.client.cancel(handle.runId, 'user changed their mind')).resolves.toBe(true);
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunCancelledError);
    expect((error as Error).message).toContain('user changed their mind');
    expect(state.aborted.sort()).toEqual(['a', 'b']);
    const run = await runtime.client.getRun(handle.runId);
    expect(run.status).toBe('cancelled');
    expect(run.steps.c).toMatchObject({ status: 'skipped', skipReason: 'cancelled' });
    expect(timeline(trace.of(handle.runId)).at(-1)).toBe('run.cancelled');
    await expect(runtime.client.cancel(handle.runId)).resolves.toBe(false);
  });

  it('cancels running runs when the application shuts down, so none is left running', async () => {
    const handle = await runtime.client.start('long', {});
    const outcome = handle.result().catch((e: unknown) => e);
    await runtime.close();
    expect(await outcome).toBeInstanceOf(RunCancelledError);
    expect(state.aborted.sort()).toEqual(['a', 'b']);
    runtime = await createTestingRuntime({ workflows: [LongWorkflow] });
  });
});
