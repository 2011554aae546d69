import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Injectable } from '@nestjs/common';
import { IsEmail, IsInt, Min } from 'class-validator';
import {
  InputValidationError,
  RunNotFoundError,
  Step,
  UnknownWorkflowError,
  Workflow,
  type StepContext,
} from '@baton/sdk';
import { InvalidRunOperationError } from '../src/index.js';
import { createTestingRuntime, type TestingRuntime } from '../src/testing/index.js';
import { recordEvents } from './trace.js';

class OrderInput {
  @IsEmail() email!: string;
  @IsInt() @Min(1) quantity!: number;
}

@Injectable()
class Pricing {
  price(quantity: number) {
    return quantity * 3;
  }
}

const executions: string[] = [];

@Workflow({ name: 'order', input: OrderInput })
class OrderWorkflow {
  constructor(private readonly pricing: Pricing) {}
  @Step() quote(ctx: StepContext<OrderInput>) {
    executions.push('quote');
    return this.pricing.price(ctx.input.quantity);
  }
  @Step() charge(ctx: StepContext<OrderInput, { quote: number }>) {
    executions.push('charge');
    if (ctx.input.email.startsWith('broke') && executions.filter((e) => e === 'charge').length === 1)
      throw new Error('card declined');
    return { charged: ctx.results.quote };
  }
  @Step() receipt(ctx: StepContext<OrderInput, { charge: { charged: number } }>) {
    executions.push('receipt');
    return `charged ${ctx.results.charge.charged} to ${ctx.input.email}`;
  }
}

@Workflow({ name: 'parent' })
class ParentWorkflow {
  @Step() spawn(ctx: StepContext<{ quantity: number }>) {
    return ctx.run<string>(OrderWorkflow, { email: 'kid@example.com', quantity: ctx.input.quantity });
  }
}

describe('BatonClient', () => {
  let runtime: TestingRuntime;
  beforeEach(async () => {
    executions.length = 0;
    runtime = await createTestingRuntime({ workflows: [OrderWorkflow, ParentWorkflow], providers: [Pricing] });
  });
  afterEach(() => runtime.close());

  it('injects providers into workflow classes and executes them by name or by class', async () => {
    await expect(runtime.client.execute('order', { email: 'a@b.co', quantity: 2 })).resolves.toBe(
      'charged 6 to a@b.co',
    );
    await expect(runtime.client.execute(OrderWorkflow, { email: 'a@b.co', quantity: 3 })).resolves.toBe(
      'charged 9 to a@b.co',
    );
  });

  it('rejects an unknown workflow, listing the registered names, and creates no run', async () => {
    const error = await runtime.client.start('nope', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownWorkflowError);
    expect((error as Error).message).toBe(
      "Unknown workflow 'nope'. Registered workflows: 'order', 'parent'. Add the class to a module imported next to BatonModule, or fix the name.",
    );
    expect((await runtime.client.listRuns()).runs).toEqual([]);
  });

  it('validates input before starting: every violation is reported and no run is created', async () => {
    const error = (await runtime.client
      .start('order', { email: 'nope', quantity: 0 })
      .catch((e: unknown) => e)) as InputValidationError;
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error.violations.map((v) => `${v.path}:${v.constraint}`)).toEqual(['email:isEmail', 'quantity:min']);
    expect((await runtime.client.listRuns()).runs).toEqual([]);
    expect(executions).toEqual([]);
  });

  it('returns the existing run for a repeated idempotency key', async () => {
    const first = await runtime.client.start('order', { email: 'a@b.co', quantity: 1 }, { idempotencyKey: 'order-42' });
    const second = await runtime.client.start(
      'order',
      { email: 'a@b.co', quantity: 1 },
      { idempotencyKey: 'order-42' },
    );
    expect(second.runId).toBe(first.runId);
    await first.result();
    expect(executions.filter((e) => e === 'quote')).toHaveLength(1);
  });

  it('links a child run started with ctx.run to its parent', async () => {
    const trace = recordEvents(runtime.client);
    const handle = await runtime.client.start('parent', { quantity: 4 });
    await expect(handle.result()).resolves.toBe('charged 12 to kid@example.com');
    const children = (await runtime.client.listRuns({ workflow: 'order' })).runs;
    expect(children).toHaveLength(1);
    expect(children[0].parentRunId).toBe(handle.runId);
    const child = await runtime.client.getRun(children[0].runId);
    expect(child.parentRunId).toBe(handle.runId);
    const started = trace.of(child.runId).find((e) => e.type === 'run.started')!;
    expect(started.data).toMatchObject({ parentRunId: handle.runId });
    const link = trace.of(handle.runId).find((e) => e.type === 'step.log')!;
    expect(link).toMatchObject({ step: 'spawn', data: { data: { childRunId: child.runId, workflow: 'order' } } });
  });

  it('reruns from the failed step, reusing the outputs of the steps before it', async () => {
    const failed = await runtime.client.start('order', { email: 'broke@b.co', quantity: 5 });
    await expect(failed.result()).rejects.toThrow('card declined');
    expect(executions).toEqual(['quote', 'charge']);
    const rerun = await runtime.client.rerun(failed.runId);
    await expect(rerun.result()).resolves.toBe('charged 15 to broke@b.co');
    expect(executions).toEqual(['quote', 'charge', 'charge', 'receipt']);
    const run = await runtime.client.getRun(rerun.runId);
    expect(run.rerunOf).toBe(failed.runId);
    expect(run.steps.quote).toMatchObject({ status: 'succeeded', output: 15 });

    const fromQuote = await runtime.client.rerun(rerun.runId, { fromStep: 'quote' });
    await fromQuote.result();
    expect(executions.slice(4)).toEqual(['quote', 'charge', 'receipt']);
    await expect(runtime.client.rerun(rerun.runId, { fromStep: 'nope' })).rejects.toThrow(InvalidRunOperationError);
    await expect(runtime.client.rerun(rerun.runId)).rejects.toThrow(/no failed step to rerun from/);
  });

  it('lists runs newest first with filters and a cursor', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++)
      ids.push((await runtime.client.start('order', { email: 'a@b.co', quantity: i })).runId);
    await runtime.client.execute('parent', { quantity: 1 });
    const first = await runtime.client.listRuns({ workflow: 'order', limit: 2 });
    // The parent's child run is the newest 'order' run.
    expect(first.runs[0].parentRunId).toBeDefined();
    expect(first.runs[1].runId).toBe(ids[4]);
    expect(first.nextCursor).toBeDefined();
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await runtime.client.listRuns({ workflow: 'order', limit: 2, ...(cursor && { cursor }) });
      all.push(...page.runs.map((r) => r.runId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(6);
    expect(all.slice(1)).toEqual([...ids].reverse());
    expect((await runtime.client.listRuns({ workflow: 'parent', status: 'succeeded' })).runs).toHaveLength(1);
    await expect(runtime.client.listRuns({ limit: 0 })).rejects.toThrow(
      'listRuns limit must be an integer from 1 to 1000, got 0.',
    );
    await expect(runtime.client.listRuns({ cursor: 'garbage' })).rejects.toThrow(InvalidRunOperationError);
  });

  it('reports an unknown run id with RunNotFoundError', async () => {
    await expect(runtime.client.getRun('missing')).rejects.toThrow(RunNotFoundError);
    await expect(runtime.client.cancel('missing')).rejects.toThrow(RunNotFoundError);
  });

  it("numbers every run's trace events 1, 2, 3... without gaps", async () => {
    const trace = recordEvents(runtime.client);
    const handles = await Promise.all(
      [1, 2, 3].map((q) => runtime.client.start('order', { email: 'a@b.co', quantity: q })),
    );
    await Promise.all(handles.map((h) => h.result()));
    for (const { runId } of handles) {
      const seqs = trace.of(runId).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
  });
});
