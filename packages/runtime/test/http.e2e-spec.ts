import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { IsEmail, IsString } from 'class-validator';
import { Step, Workflow, type StepContext } from '@baton/sdk';
import { BatonModule, type BatonModuleOptions } from '../src/index.js';

class GreetInput {
  @IsString() name!: string;
  @IsEmail() email!: string;
}

@Workflow({ name: 'greet', input: GreetInput })
class GreetWorkflow {
  @Step() hello(ctx: StepContext<GreetInput>) {
    return `hello ${ctx.input.name}`;
  }
}

@Workflow({ name: 'wait' })
class WaitWorkflow {
  @Step() forever(ctx: StepContext) {
    return new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
  }
}

async function listen(
  token?: string,
  limits: BatonModuleOptions = {},
): Promise<{ app: INestApplication; base: string }> {
  @Module({
    imports: [BatonModule.forRoot({ http: true, ...limits, ...(token !== undefined && { accessToken: token }) })],
    providers: [GreetWorkflow, WaitWorkflow],
  })
  class App {}
  const app = await NestFactory.create(App, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, base: `${await app.getUrl()}/baton/api` };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('REST API (http: true)', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => ({ app, base } = await listen()));
  afterAll(() => app.close());

  it('lists workflows with their graphs', async () => {
    const workflows = (await (await fetch(`${base}/workflows`)).json()) as Array<{
      name: string;
      graph: { steps: unknown[] };
    }>;
    expect(workflows.map((w) => w.name)).toEqual(['greet', 'wait']);
    expect(workflows[0].graph.steps).toHaveLength(1);
  });

  it('starts a run, and serves the run and its trace', async () => {
    const response = await post(`${base}/workflows/greet/runs`, { name: 'Ada', email: 'ada@acme.example' });
    expect(response.status).toBe(201);
    const { runId } = (await response.json()) as { runId: string };
    await expect
      .poll(async () => ((await (await fetch(`${base}/runs/${runId}`)).json()) as { status: string }).status)
      .toBe('succeeded');
    const run = (await (await fetch(`${base}/runs/${runId}`)).json()) as { output: string; startedAt: number };
    expect(run.output).toBe('hello Ada');
    const events = (await (await fetch(`${base}/runs/${runId}/events?afterSeq=1`)).json()) as Array<{
      seq: number;
      type: string;
    }>;
    expect(events[0].seq).toBe(2);
    expect(events.at(-1)!.type).toBe('run.succeeded');
    const list = (await (await fetch(`${base}/runs?workflow=greet&limit=5`)).json()) as {
      runs: Array<{ runId: string }>;
    };
    expect(list.runs.map((r) => r.runId)).toContain(runId);
    const from = run.startedAt;
    const found = (await (
      await fetch(`${base}/runs?search=${encodeURIComponent('"ADA"')}&status=succeeded&from=${from}&to=${from}`)
    ).json()) as { runs: Array<{ runId: string; input: string }>; total: number };
    expect(found.total).toBeGreaterThanOrEqual(1);
    expect(found.runs.map((r) => r.runId)).toContain(runId);
    expect(found.runs[0].input).toContain('"name":"Ada"');
  });

  it('starts one run per Idempotency-Key header, and answers 409 IDEMPOTENCY_CONFLICT for the key with another input', async () => {
    const start = (body: unknown) =>
      fetch(`${base}/workflows/greet/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'signup-7' },
        body: JSON.stringify(body),
      });
    const ada = { name: 'Ada', email: 'ada@acme.example' };
    const runIds = await Promise.all(
      [start(ada), start(ada), start(ada)].map(async (r) => ((await (await r).json()) as { runId: string }).runId),
    );
    expect(new Set(runIds).size).toBe(1);
    const conflict = await start({ ...ada, name: 'Grace' });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({
      error: { name: 'IdempotencyConflictError', code: 'IDEMPOTENCY_CONFLICT' },
    });
  });

  it('answers 400 with every validation message, and 404 for an unknown workflow or run', async () => {
    const invalid = await post(`${base}/workflows/greet/runs`, { name: 5, email: 'nope' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; violations: Array<{ path: string }> } };
    expect(body.error.code).toBe('INPUT_VALIDATION');
    expect(body.error.violations.map((v) => v.path)).toEqual(['name', 'email']);
    const unknown = await post(`${base}/workflows/nope/runs`, {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      "Unknown workflow 'nope'",
    );
    expect((await fetch(`${base}/runs/missing`)).status).toBe(404);
    expect((await fetch(`${base}/runs?limit=abc`)).status).toBe(400);
    const badRange = await fetch(`${base}/runs?from=abc`);
    expect(badRange.status).toBe(400);
    expect(((await badRange.json()) as { error: { message: string } }).error.message).toContain('listRuns from');
    expect((await fetch(`${base}/runs?from=2&to=1`)).status).toBe(400);
  });

  it('cancels and reruns runs', async () => {
    const { runId } = (await (await post(`${base}/workflows/wait/runs`, {})).json()) as { runId: string };
    const cancel = await post(`${base}/runs/${runId}/cancel`, {});
    expect(await cancel.json()).toEqual({ cancelled: true });
    const rerun = await post(`${base}/runs/${runId}/rerun`, { fromStep: 'forever' });
    expect(rerun.status).toBe(201);
    const { runId: second } = (await rerun.json()) as { runId: string };
    const run = (await (await fetch(`${base}/runs/${second}`)).json()) as { rerunOf: string };
    expect(run.rerunOf).toBe(runId);
    await post(`${base}/runs/${second}/cancel`, {});
  });

  it('records who cancelled: the API, or the dashboard when it says so', async () => {
    const reasonOf = async (headers: Record<string, string>) => {
      const { runId } = (await (await post(`${base}/workflows/wait/runs`, {})).json()) as { runId: string };
      await fetch(`${base}/runs/${runId}/cancel`, { method: 'POST', headers });
      const run = (await (await fetch(`${base}/runs/${runId}`)).json()) as { error?: { reason?: string } };
      return run.error?.reason;
    };
    expect(await reasonOf({})).toBe('cancelled from the API');
    expect(await reasonOf({ 'x-baton-client': 'dashboard' })).toBe('cancelled from the dashboard');
  });
});

describe('REST API with an access token', () => {
  it('refuses requests without the token and accepts it as a bearer, query or cookie', async () => {
    const { app, base } = await listen('s3cret');
    try {
      expect((await fetch(`${base}/workflows`)).status).toBe(401);
      expect((await fetch(`${base}/workflows`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await fetch(`${base}/workflows`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
      expect((await fetch(`${base}/workflows?token=s3cret`)).status).toBe(200);
      expect((await fetch(`${base}/workflows`, { headers: { cookie: 'baton_token=s3cret' } })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

/** A JSON text of `depth` objects nested in each other (JSON.parse reads it without recursion). */
const nestedJson = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const postText = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

type ErrorReply = { error: { name: string; code: string; message: string } };

describe('REST API input limits', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => ({ app, base } = await listen(undefined, { maxInputBytes: 300_000 })));
  afterAll(() => app.close());

  it('answers 400 INPUT_TOO_DEEP for an input nested 10 000 levels deep, with or without an input class', async () => {
    for (const workflow of ['greet', 'wait']) {
      const response = await postText(`${base}/workflows/${workflow}/runs`, nestedJson(10_000));
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorReply).error).toMatchObject({
        name: 'InputTooDeepError',
        code: 'INPUT_TOO_DEEP',
      });
    }
  });

  it("answers 400 INVALID_REQUEST_BODY in Baton's error shape for malformed JSON", async () => {
    const response = await postText(`${base}/workflows/greet/runs`, '{"name": "Ada",');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    const { error } = (await response.json()) as ErrorReply;
    expect(error).toMatchObject({ name: 'InvalidRequestBodyError', code: 'INVALID_REQUEST_BODY' });
    expect(error.message).toContain('The body of POST /baton/api/workflows/greet/runs is not a JSON object or array');
    const scalar = await postText(`${base}/workflows/greet/runs`, '"just a string"');
    expect(((await scalar.json()) as ErrorReply).error.code).toBe('INVALID_REQUEST_BODY');
  });

  it("takes bodies up to maxInputBytes (beyond Nest's 100 kB default) and answers 413 PAYLOAD_TOO_LARGE above", async () => {
    const fits = await post(`${base}/workflows/greet/runs`, {
      name: 'Ada',
      email: 'ada@acme.example',
      padding: 'x'.repeat(200_000),
    });
    expect(fits.status).toBe(201);
    const tooLarge = await post(`${base}/workflows/greet/runs`, {
      name: 'Ada',
      email: 'ada@acme.example',
      padding: 'x'.repeat(400_000),
    });
    expect(tooLarge.status).toBe(413);
    const { error } = (await tooLarge.json()) as ErrorReply;
    expect(error).toMatchObject({ name: 'PayloadTooLargeError', code: 'PAYLOAD_TOO_LARGE' });
    expect(error.message).toContain(
      'over maxInputBytes (300 000). Send a smaller input or raise BatonModule.forRoot({ maxInputBytes })',
    );
  });

  it('answers 413 for a body sent without a length once more than maxInputBytes has arrived', async () => {
    const chunk = new TextEncoder().encode(`{"padding":"${'x'.repeat(100_000)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${base}/workflows/greet/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorReply).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('is at least'),
    });
  });
});

describe('REST API body errors in an app from Test.createTestingModule', () => {
  it("answers malformed and oversized bodies in Baton's error shape (the app's own parser reads them first)", async () => {
    @Module({ imports: [BatonModule.forRoot({ http: true })], providers: [GreetWorkflow] })
    class App {}
    const module = await Test.createTestingModule({ imports: [App] }).compile();
    const app = module.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    try {
      const base = `${await app.getUrl()}/baton/api`;
      const malformed = await postText(`${base}/workflows/greet/runs`, '{');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as ErrorReply).error.code).toBe('INVALID_REQUEST_BODY');
      const tooLarge = await post(`${base}/workflows/greet/runs`, { padding: 'x'.repeat(200_000) });
      expect(tooLarge.status).toBe(413);
      expect(((await tooLarge.json()) as ErrorReply).error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.stringContaining("app.useBodyParser('json', { limit })"),
      });
    } finally {
      await app.close();
    }
  });
});
