import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsEmail, IsString } from 'class-validator';
import { Step, Workflow, type StepContext } from '@baton/sdk';
import { BatonModule } from '../src/index.js';

class GreetInput {
  @IsString() name!: string;
  @IsEmail() email!: string;
}

@Workflow({ name: 'greet', input: GreetInput })
class GreetWorkflow {
  @Step() hello(ctx: StepContext<GreetInput>) { return `hello ${ctx.input.name}`; }
}

@Workflow({ name: 'wait' })
class WaitWorkflow {
  @Step() forever(ctx: StepContext) {
    return new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
  }
}

async function listen(token?: string): Promise<{ app: INestApplication; base: string }> {
  @Module({
    imports: [BatonModule.forRoot({ http: true, ...(token !== undefined && { accessToken: token }) })],
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
    const workflows = (await (await fetch(`${base}/workflows`)).json()) as Array<{ name: string; graph: { steps: unknown[] } }>;
    expect(workflows.map((w) => w.name)).toEqual(['greet', 'wait']);
    expect(workflows[0]!.graph.steps).toHaveLength(1);
  });

  it('starts a run, and serves the run and its trace', async () => {
    const response = await post(`${base}/workflows/greet/runs`, { name: 'Ada', email: 'ada@acme.example' });
    expect(response.status).toBe(201);
    const { runId } = (await response.json()) as { runId: string };
    await expect.poll(async () => ((await (await fetch(`${base}/runs/${runId}`)).json()) as { status: string }).status).toBe('succeeded');
    const run = (await (await fetch(`${base}/runs/${runId}`)).json()) as { output: string };
    expect(run.output).toBe('hello Ada');
    const events = (await (await fetch(`${base}/runs/${runId}/events?afterSeq=1`)).json()) as Array<{ seq: number; type: string }>;
    expect(events[0]!.seq).toBe(2);
    expect(events.at(-1)!.type).toBe('run.succeeded');
    const list = (await (await fetch(`${base}/runs?workflow=greet&limit=5`)).json()) as { runs: Array<{ runId: string }> };
    expect(list.runs.map((r) => r.runId)).toContain(runId);
  });

  it('answers 400 with every validation message, and 404 for an unknown workflow or run', async () => {
    const invalid = await post(`${base}/workflows/greet/runs`, { name: 5, email: 'nope' });
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { error: { code: string; violations: Array<{ path: string }> } };
    expect(body.error.code).toBe('INPUT_VALIDATION');
    expect(body.error.violations.map((v) => v.path)).toEqual(['name', 'email']);
    const unknown = await post(`${base}/workflows/nope/runs`, {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain("Unknown workflow 'nope'");
    expect((await fetch(`${base}/runs/missing`)).status).toBe(404);
    expect((await fetch(`${base}/runs?limit=abc`)).status).toBe(400);
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
