import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IsString } from 'class-validator';
import {
  InputTooDeepError,
  PayloadTooLargeError,
  SerializationError,
  Step,
  StepFailedError,
  Workflow,
  type StepContext,
} from '@baton/sdk';
import { createTestingRuntime, type TestingRuntime } from '../src/testing/index.js';

class NoteInput {
  @IsString() note!: string;
}

@Workflow({ name: 'note', input: NoteInput })
class NoteWorkflow {
  @Step() echo(ctx: StepContext<NoteInput>) {
    return ctx.input.note;
  }
}

@Workflow({ name: 'untyped' })
class UntypedWorkflow {
  @Step() echo(ctx: StepContext<unknown>) {
    return ctx.input ?? null;
  }
}

/** `size` characters of output from the first step; the second one must never run. */
@Workflow({ name: 'bulky' })
class BulkyWorkflow {
  static afterRan = false;
  @Step() produce(ctx: StepContext<{ size: number }>) {
    return { text: 'x'.repeat(ctx.input.size) };
  }
  @Step({ after: 'produce' }) after() {
    BulkyWorkflow.afterRan = true;
    return 'ran';
  }
}

@Workflow({ name: 'deepOutput' })
class DeepOutputWorkflow {
  @Step() produce() {
    let value: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) value = [value];
    return value;
  }
}

/** `{"a":{"a":...1...}}`, `depth` objects deep, as parsed JSON (JSON.parse does not recurse). */
const deepInput = (depth: number): unknown => JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);

describe('input and output limits (memory transport)', () => {
  let runtime: TestingRuntime;
  beforeAll(async () => {
    runtime = await createTestingRuntime({
      workflows: [NoteWorkflow, UntypedWorkflow, BulkyWorkflow, DeepOutputWorkflow],
      baton: { maxInputBytes: 1_000, maxOutputBytes: 2_000 },
    });
  });
  afterAll(() => runtime.close());

  it('refuses an input over maxInputBytes with PayloadTooLargeError, and starts no run', async () => {
    const before = (await runtime.client.listRuns({ workflow: 'note' })).runs.length;
    await expect(runtime.client.start('note', { note: 'x'.repeat(2_000) })).rejects.toThrow(PayloadTooLargeError);
    await expect(runtime.client.start('untyped', { note: 'x'.repeat(2_000) })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      limit: 'maxInputBytes',
      limitBytes: 1_000,
      bytes: 2_000 + '{"note":""}'.length,
      workflow: 'untyped',
      message: expect.stringContaining('Send a smaller input or raise BatonModule.forRoot({ maxInputBytes })'),
    });
    expect((await runtime.client.listRuns({ workflow: 'note' })).runs).toHaveLength(before);
    await expect(runtime.client.execute('note', { note: 'x'.repeat(900) })).resolves.toHaveLength(900);
  });

  it('refuses an input nested 10 000 levels deep with InputTooDeepError, with or without an input class', async () => {
    await expect(runtime.client.start('note', deepInput(10_000))).rejects.toThrow(InputTooDeepError);
    await expect(runtime.client.start('untyped', deepInput(10_000))).rejects.toMatchObject({
      code: 'INPUT_TOO_DEEP',
      maxDepth: 64,
    });
    await expect(runtime.client.execute('untyped', deepInput(64))).resolves.toEqual(deepInput(64));
  });

  it('fails the step whose output is over maxOutputBytes with PAYLOAD_TOO_LARGE, and runs nothing after it', async () => {
    BulkyWorkflow.afterRan = false;
    const { runId, result } = await runtime.client.start('bulky', { size: 5_000 });
    await expect(result()).rejects.toThrow(StepFailedError);
    await expect(result()).rejects.toMatchObject({ step: 'produce', cause: expect.any(PayloadTooLargeError) });
    const run = await runtime.settled(runId);
    expect(run.status).toBe('failed');
    expect(run.steps.produce).toMatchObject({
      status: 'failed',
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining(
          'The output of bulky.produce is 5 011 bytes of JSON, over maxOutputBytes (2 000)',
        ),
      },
    });
    expect(run.steps.after.status).not.toBe('succeeded');
    expect(BulkyWorkflow.afterRan).toBe(false);
    await expect(runtime.client.execute('bulky', { size: 100 })).resolves.toBe('ran');
  });

  it('fails a step whose output nests 10 000 levels deep with SerializationError, not a RangeError', async () => {
    const { runId, result } = await runtime.client.start('deepOutput', {});
    await expect(result()).rejects.toMatchObject({ cause: expect.any(SerializationError) });
    const run = await runtime.settled(runId);
    expect(run.steps.produce.error).toMatchObject({
      code: 'SERIALIZATION',
      message: expect.stringContaining('more than 512 levels deep'),
    });
  });
});
