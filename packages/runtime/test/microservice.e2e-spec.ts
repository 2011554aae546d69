import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { IsInt, Min } from 'class-validator';
import { Step, Workflow, type StepContext } from '@baton/sdk';
import { BatonModule } from '../src/index.js';

class SquareInput {
  @IsInt() @Min(0) n!: number;
}

@Workflow({ name: 'square', input: SquareInput })
class SquareWorkflow {
  @Step() square(ctx: StepContext<SquareInput>) {
    return ctx.input.n * ctx.input.n;
  }
}

describe('the runtime as a NestJS microservice over Transport.REDIS', () => {
  let server: INestMicroservice;
  let client: ClientProxy;

  beforeAll(async () => {
    const { hostname, port } = new URL(inject('redisUrl'));
    @Module({ imports: [BatonModule.forRoot({ microservice: true })], providers: [SquareWorkflow] })
    class App {}
    server = await NestFactory.createMicroservice(App, {
      transport: Transport.REDIS,
      options: { host: hostname, port: Number(port) },
      logger: false,
    });
    await server.listen();
    client = ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: hostname, port: Number(port) } });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('executes a workflow and returns its output', async () => {
    await expect(firstValueFrom(client.send('baton.execute', { workflow: 'square', input: { n: 7 } }))).resolves.toBe(
      49,
    );
  });

  it('starts, gets, lists and cancels runs', async () => {
    const { runId } = await firstValueFrom(
      client.send<{ runId: string }>('baton.start', { workflow: 'square', input: { n: 3 } }),
    );
    await expect
      .poll(async () => (await firstValueFrom(client.send<{ status: string }>('baton.get', { runId }))).status)
      .toBe('succeeded');
    const page = await firstValueFrom(
      client.send<{ runs: Array<{ runId: string }> }>('baton.list', { workflow: 'square' }),
    );
    expect(page.runs.map((r) => r.runId)).toContain(runId);
    await expect(firstValueFrom(client.send('baton.cancel', { runId }))).resolves.toEqual({ cancelled: false });
  });

  it('accepts an idempotency key on baton.start and baton.execute, with a typed conflict for another input', async () => {
    const first = await firstValueFrom(
      client.send<{ runId: string }>('baton.start', { workflow: 'square', input: { n: 4 }, idempotencyKey: 'sq-4' }),
    );
    const again = await firstValueFrom(
      client.send<{ runId: string }>('baton.start', { workflow: 'square', input: { n: 4 }, idempotencyKey: 'sq-4' }),
    );
    expect(again.runId).toBe(first.runId);
    await expect(
      firstValueFrom(client.send('baton.execute', { workflow: 'square', input: { n: 4 }, idempotencyKey: 'sq-4' })),
    ).resolves.toBe(16);
    const conflict = await firstValueFrom(
      client.send('baton.execute', { workflow: 'square', input: { n: 5 }, idempotencyKey: 'sq-4' }),
    ).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ name: 'IdempotencyConflictError', code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('returns typed errors: invalid input with every message, unknown workflow', async () => {
    const invalid = await firstValueFrom(
      client.send('baton.execute', { workflow: 'square', input: { n: -1.5 } }),
    ).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'InputValidationError', code: 'INPUT_VALIDATION' });
    expect(
      (invalid as { violations: Array<{ constraint: string }> }).violations.map((v) => v.constraint).sort(),
    ).toEqual(['isInt', 'min']);
    const unknown = await firstValueFrom(client.send('baton.start', { workflow: 'nope', input: {} })).catch(
      (e: unknown) => e,
    );
    expect(unknown).toMatchObject({ name: 'UnknownWorkflowError', code: 'UNKNOWN_WORKFLOW' });
    const missing = await firstValueFrom(client.send('baton.get', { runId: 'missing' })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});
