import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardApp, type DashboardApp } from './dashboard-app.js';

type ErrorReply = { error: { name: string; code: string; message: string } };

describe("the dashboard's REST API request bodies", () => {
  let dash: DashboardApp;
  beforeAll(async () => {
    dash = await startDashboardApp({ path: '/ops' });
  });
  afterAll(() => dash.close());

  const start = (body: string) =>
    fetch(`${dash.url}/ops/api/workflows/quick/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it("answers malformed JSON with 400 in Baton's error shape", async () => {
    const response = await start('{"oops"');
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorReply).error).toMatchObject({
      code: 'INVALID_REQUEST_BODY',
      message: expect.stringContaining('POST /ops/api/workflows/quick/runs'),
    });
  });

  it('answers an input nested 10 000 levels deep with 400 INPUT_TOO_DEEP', async () => {
    const response = await start(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorReply).error.code).toBe('INPUT_TOO_DEEP');
  });

  it('takes a body over 100 kB and answers one over maxInputBytes (1 MiB) with 413 PAYLOAD_TOO_LARGE', async () => {
    expect((await start(JSON.stringify({ padding: 'x'.repeat(200_000) }))).status).toBe(201);
    const response = await start(JSON.stringify({ padding: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorReply).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: expect.stringContaining('maxInputBytes (1 048 576)'),
    });
  });
});
