import { afterEach, describe, expect, inject, it } from 'vitest';
import { IdempotencyConflictError, Step, Workflow, type StepContext } from '@baton/sdk';
import { startBullApp } from './support/bull-app.js';
import { startMemoryApp } from './support/memory-app.js';

let executions = 0;

@Workflow({ name: 'charge' })
class Charge {
  @Step() charge(ctx: StepContext<{ amount: number }>) {
    executions += 1;
    return { charged: ctx.input.amount };
  }
}

const transports = {
  memory: () => startMemoryApp([Charge]),
  bull: () => startBullApp(inject('redisUrl'), [Charge]),
};

for (const [name, open] of Object.entries(transports)) {
  describe(`idempotent starts (${name})`, () => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await close?.();
      close = undefined;
    });

    it('five concurrent starts with one key create one run, and run its step once', async () => {
      const app = await open();
      close = app.close;
      executions = 0;
      const handles = await Promise.all(
        Array.from({ length: 5 }, () => app.client.start('charge', { amount: 5 }, { idempotencyKey: 'order-1' })),
      );
      expect(new Set(handles.map((h) => h.runId)).size).toBe(1);
      await expect(handles[0].result()).resolves.toEqual({ charged: 5 });
      expect(executions).toBe(1);
      expect((await app.client.listRuns({ workflow: 'charge' })).runs).toHaveLength(1);
    });

    it('the same key with another input is an IdempotencyConflictError naming the first run; no run starts', async () => {
      const app = await open();
      close = app.close;
      const first = await app.client.start('charge', { amount: 5 }, { idempotencyKey: 'order-2' });
      const again = app.client.start('charge', { amount: 6 }, { idempotencyKey: 'order-2' });
      await expect(again).rejects.toBeInstanceOf(IdempotencyConflictError);
      await expect(again).rejects.toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
        runId: first.runId,
        idempotencyKey: 'order-2',
      });
      expect((await app.client.listRuns({ workflow: 'charge' })).runs).toHaveLength(1);
      // Key order in the input does not matter: the same input is the same run.
      await expect(app.client.start('charge', { amount: 5 }, { idempotencyKey: 'order-2' })).resolves.toMatchObject({
        runId: first.runId,
      });
    });
  });
}
