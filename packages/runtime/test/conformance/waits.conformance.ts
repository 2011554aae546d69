import { randomUUID } from 'node:crypto';
import { InputValidationError, RunNotRunningError, UnknownSignalError } from '@baton/sdk';
import { firstValueFrom, take, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BatonClient } from '../../src/index.js';
import { countOf } from '../support/conformance.workflows.js';
import { received } from '../support/wait.workflows.js';
import { type ConformanceContext, POLL } from './conformance-context.js';

/** Signals, timeouts, delays and progress (DESIGN §7). Part of the Transport conformance suite (see `../transport.conformance.ts`). */
export function describeWaits(ctx: ConformanceContext): void {
  let client: BatonClient;
  beforeAll(() => {
    client = ctx.client;
  });
  const { traceOf } = ctx;

  /** Resolves once the run's step is waiting. */
  const waiting = (runId: string, step: string) =>
    expect.poll(async () => (await client.getRun(runId)).steps[step].status, POLL).toBe('waiting');

  describe('waits and signals', () => {
    it('waits for the signal, then runs the step with the validated payload as an instance of its class', async () => {
      const handle = await client.start('conf-approval', {});
      await waiting(handle.runId, 'review');
      const run = await client.getRun(handle.runId);
      expect(run.steps.review.waitingFor).toMatchObject({ signal: 'decision', until: expect.any(Number) });
      await client.signal(handle.runId, 'decision', { verdict: 'approve', comment: 'fine' });
      await expect(handle.result()).resolves.toBe('sent (approve)');
      expect(received.get(handle.runId)).toEqual({ instance: true, text: 'approve: fine' });
      const trace = await traceOf(handle.runId);
      expect(trace.filter((e) => e.step === 'review').map((e) => e.type)).toEqual([
        'step.waiting',
        'step.scheduled',
        'step.started',
        'step.succeeded',
      ]);
      expect(trace.find((e) => e.type === 'signal.received')).toMatchObject({
        data: { signal: 'decision', payload: { verdict: 'approve', comment: 'fine' }, step: 'review' },
      });
    });

    it('reaches a run by its business key', async () => {
      const key = randomUUID();
      const handle = await client.start('conf-approval', {}, { idempotencyKey: key });
      await waiting(handle.runId, 'review');
      await expect(
        client.signal({ workflow: 'conf-approval', idempotencyKey: key }, 'decision', { verdict: 'reject' }),
      ).resolves.toBe(handle.runId);
      await expect(handle.result()).resolves.toBe('sent (reject)');
    });

    it('refuses an invalid payload, an unknown signal and an ended run with typed errors, changing nothing', async () => {
      const handle = await client.start('conf-approval', {});
      await waiting(handle.runId, 'review');
      const bad = await client.signal(handle.runId, 'decision', { verdict: 'maybe' }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(InputValidationError);
      expect((bad as Error).message).toContain("signal 'decision' payload");
      const unknown = await client.signal(handle.runId, 'approve', {}).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(UnknownSignalError);
      expect(unknown).toMatchObject({ signal: 'approve', known: ['decision'] });
      expect((await client.getRun(handle.runId)).steps.review.status).toBe('waiting');
      expect((await traceOf(handle.runId)).some((e) => e.type === 'signal.received')).toBe(false);
      await client.cancel(handle.runId);
      const ended = await client.signal(handle.runId, 'decision', { verdict: 'approve' }).catch((e: unknown) => e);
      expect(ended).toBeInstanceOf(RunNotRunningError);
      expect(ended).toMatchObject({ status: 'cancelled' });
      expect((await client.getRun(handle.runId)).steps.review).toMatchObject({
        status: 'skipped',
        skipReason: 'cancelled',
      });
    });

    it("fails the wait with SignalTimeoutError when nobody answers, and the step's fallback decides", async () => {
      const handle = await client.start('conf-approval', {});
      await expect(handle.result()).resolves.toBe('sent (escalated)');
      const run = await client.getRun(handle.runId);
      expect(run.steps.review).toMatchObject({
        status: 'recovered',
        output: 'escalated',
        error: { code: 'SIGNAL_TIMEOUT', details: { signal: 'decision', timeoutMs: 400 } },
      });
      // A signal after the timeout is recorded and kept, and changes nothing.
      await expect(client.signal(handle.runId, 'decision', { verdict: 'approve' })).rejects.toBeInstanceOf(
        RunNotRunningError,
      );
      expect(countOf(handle.runId, 'send')).toBe(1);
    });

    it('keeps signals sent before the wait and gives one to each wait, in order', async () => {
      const handle = await client.start('conf-two-waits', {});
      await client.signal(handle.runId, 'go', 'first');
      await client.signal(handle.runId, 'go', 'second');
      await expect(handle.result()).resolves.toEqual(['first', 'second']);
    });
  });

  describe('delays and progress', () => {
    it('runs a delayed step after its delay, waiting meanwhile', async () => {
      const handle = await client.start('conf-delay', {});
      await waiting(handle.runId, 'after');
      expect((await client.getRun(handle.runId)).steps.after.waitingFor).toMatchObject({ delay: true });
      const elapsed = await handle.result();
      expect(elapsed).toBeGreaterThanOrEqual(290);
    });

    it("streams a step's ctx.progress to followers, not into the trace", async () => {
      const handle = await client.start('conf-approval', {});
      const tail = await firstValueFrom(client.progress(handle.runId).pipe(take(2), toArray()));
      expect(tail.map((e) => [e.step, e.data])).toEqual([
        ['draft', { tokens: 'Dear' }],
        ['draft', { tokens: 'Dear customer' }],
      ]);
      await client.cancel(handle.runId);
      expect((await traceOf(handle.runId)).some((e) => (e.type as string) === 'step.progress')).toBe(false);
    });
  });
}
