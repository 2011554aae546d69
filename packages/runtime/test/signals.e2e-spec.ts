import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { Module, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { IsIn } from 'class-validator';
import { firstValueFrom } from 'rxjs';
import { Delay, Fallback, Step, WaitFor, Workflow, type StepContext } from '@baton/sdk';
import { BatonModule } from '../src/index.js';
import { createTestingRuntime } from '../src/testing/index.js';

class Verdict {
  @IsIn(['approve', 'reject']) verdict!: string;
}

/** Waits up to a day for a verdict; after that the fallback escalates. Then sends, 5 s later. */
@Workflow({ name: 'signals-approval' })
class ApprovalWorkflow {
  @Step() draft() {
    return 'draft';
  }
  @Fallback(() => 'escalated')
  @WaitFor('verdict', { payload: Verdict, timeout: 86_400_000 })
  @Step()
  review(ctx: StepContext<unknown, object, unknown, Verdict>) {
    return ctx.received!.verdict;
  }
  @Delay(5_000) @Step() send(ctx: StepContext<unknown, { review: string }>) {
    return `sent: ${ctx.results.review}`;
  }
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('signals over REST (POST /baton/api/runs/:id/signals/:name)', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    @Module({ imports: [BatonModule.forRoot({ http: true })], providers: [ApprovalWorkflow] })
    class App {}
    app = await NestFactory.create(App, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/baton/api`;
  });
  afterAll(() => app.close());

  const startWaiting = async (): Promise<string> => {
    const { runId } = (await (await fetch(`${base}/workflows/signals-approval/runs`, json({}))).json()) as {
      runId: string;
    };
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${base}/runs/${runId}`)).json()) as { steps: { review: { status: string } } }).steps
            .review.status,
      )
      .toBe('waiting');
    return runId;
  };

  it('accepts a valid signal with 202 and the run goes on', async () => {
    const runId = await startWaiting();
    const response = await fetch(`${base}/runs/${runId}/signals/verdict`, json({ verdict: 'approve' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ runId });
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${base}/runs/${runId}`)).json()) as { steps: { send: { status: string } } }).steps.send
            .status,
      )
      .toBe('waiting');
  });

  it('answers typed errors: 400 invalid payload, 404 unknown signal or run, 409 ended run', async () => {
    const runId = await startWaiting();
    const invalid = await fetch(`${base}/runs/${runId}/signals/verdict`, json({ verdict: 'perhaps' }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'INPUT_VALIDATION', violations: [expect.objectContaining({ path: 'verdict' })] },
    });
    const unknown = await fetch(`${base}/runs/${runId}/signals/approve`, json({}));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'UNKNOWN_SIGNAL', message: expect.stringContaining("'verdict'") },
    });
    const missing = await fetch(`${base}/runs/nope/signals/verdict`, json({ verdict: 'approve' }));
    expect(missing.status).toBe(404);
    await fetch(`${base}/runs/${runId}/cancel`, { method: 'POST' });
    const ended = await fetch(`${base}/runs/${runId}/signals/verdict`, json({ verdict: 'approve' }));
    expect(ended.status).toBe(409);
    expect(await ended.json()).toMatchObject({ error: { code: 'RUN_NOT_RUNNING' } });
  });
});

describe('signals over the microservice (baton.signal)', () => {
  let server: INestMicroservice;
  let client: ClientProxy;
  beforeAll(async () => {
    const { hostname, port } = new URL(inject('redisUrl'));
    @Module({ imports: [BatonModule.forRoot({ microservice: true })], providers: [ApprovalWorkflow] })
    class App {}
    const options = { host: hostname, port: Number(port) };
    server = await NestFactory.createMicroservice(App, { transport: Transport.REDIS, options, logger: false });
    await server.listen();
    client = ClientProxyFactory.create({ transport: Transport.REDIS, options });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('delivers a signal by business key, and answers typed errors', async () => {
    const key = `order-${Date.now()}`;
    const { runId } = await firstValueFrom(
      client.send<{ runId: string }>('baton.start', { workflow: 'signals-approval', input: {}, idempotencyKey: key }),
    );
    await expect
      .poll(
        async () =>
          (await firstValueFrom(client.send<{ steps: { review: { status: string } } }>('baton.get', { runId }))).steps
            .review.status,
      )
      .toBe('waiting');
    const invalid = await firstValueFrom(
      client.send('baton.signal', { run: runId, name: 'verdict', payload: { verdict: 1 } }),
    ).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'INPUT_VALIDATION' });
    const unknown = await firstValueFrom(client.send('baton.signal', { run: runId, name: 'nope' })).catch(
      (e: unknown) => e,
    );
    expect(unknown).toMatchObject({ name: 'UnknownSignalError', code: 'UNKNOWN_SIGNAL' });
    await expect(
      firstValueFrom(
        client.send('baton.signal', {
          run: { workflow: 'signals-approval', idempotencyKey: key },
          name: 'verdict',
          payload: { verdict: 'reject' },
        }),
      ),
    ).resolves.toEqual({ runId });
    await expect
      .poll(
        async () =>
          (await firstValueFrom(client.send<{ steps: { review: { output?: string } } }>('baton.get', { runId }))).steps
            .review.output,
      )
      .toBe('reject');
  });
});

describe('signals in the testing runtime, with fake timers', () => {
  afterEach(() => vi.useRealTimers());

  it('drives a day-long wait and a delay with fake timers, and signals through runtime.signal', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const runtime = await createTestingRuntime({ workflows: [ApprovalWorkflow] });
    try {
      const timedOut = await runtime.client.start('signals-approval', {});
      await runtime.waiting(timedOut.runId, 'review');
      await vi.advanceTimersByTimeAsync(86_400_000);
      await runtime.waiting(timedOut.runId, 'send');
      await vi.advanceTimersByTimeAsync(5_000);
      await expect(timedOut.result()).resolves.toBe('sent: escalated');

      const answered = await runtime.client.start('signals-approval', {});
      await runtime.waiting(answered.runId, 'review');
      await runtime.signal(answered.runId, 'verdict', { verdict: 'approve' });
      await runtime.waiting(answered.runId, 'send');
      await vi.advanceTimersByTimeAsync(5_000);
      await expect(answered.result()).resolves.toBe('sent: approve');
      expect((await runtime.client.getRun(answered.runId)).steps.review).toMatchObject({
        status: 'succeeded',
        received: { verdict: 'approve' },
      });
    } finally {
      await runtime.close();
    }
  });
});
