import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { RunSnapshot } from '@baton/runtime';
import { DevAppModule } from '../src/dev-app.module.js';
import { SAMPLE_TICKETS } from '../src/sample-tickets.js';
import { LARGE_REFUND_DRAFT } from './support-ticket.harness.js';

const POLL = { timeout: 5_000 };

/** A POST with a JSON body, as `curl -X POST … -H 'content-type: application/json' -d '…'` sends it. */
const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the dev app: approving a large refund over REST, as the README shows with curl', () => {
  let app: INestApplication;
  let api: string;

  beforeAll(async () => {
    app = await NestFactory.create(DevAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    api = `${await app.getUrl()}/baton/api`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const getRun = async (runId: string): Promise<RunSnapshot> =>
    (await (await fetch(`${api}/runs/${runId}`)).json()) as RunSnapshot;

  it('offers the large refund as a sample of the Workflows page', async () => {
    const workflows = (await (await fetch(`${api}/workflows`)).json()) as Array<{
      name: string;
      samples?: Record<string, unknown>;
    }>;
    const samples = workflows.find((w) => w.name === 'support-ticket')?.samples;
    expect(samples?.largeRefund).toEqual(SAMPLE_TICKETS.largeRefund);
  });

  it('waits for POST /runs/:id/signals/approval (202), refusing an invalid payload with 400, then sends the reply', async () => {
    const started = await fetch(`${api}/workflows/support-ticket/runs`, post(SAMPLE_TICKETS.largeRefund));
    const { runId } = (await started.json()) as { runId: string };
    await expect.poll(async () => (await getRun(runId)).steps.approval.status, POLL).toBe('waiting');

    const invalid = await fetch(`${api}/runs/${runId}/signals/approval`, post({ decision: 'maybe' }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'INPUT_VALIDATION', violations: [expect.objectContaining({ path: 'decision' })] },
    });
    expect((await getRun(runId)).steps.approval.status).toBe('waiting');

    const approved = await fetch(`${api}/runs/${runId}/signals/approval`, post({ decision: 'approve' }));
    expect(approved.status).toBe(202);
    expect(await approved.json()).toEqual({ runId });
    await expect.poll(async () => (await getRun(runId)).status, POLL).toBe('succeeded');
    expect((await getRun(runId)).output).toEqual(LARGE_REFUND_DRAFT);
  });
});
