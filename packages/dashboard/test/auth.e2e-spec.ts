import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, request, startDashboardApp, type DashboardApp } from './dashboard-app.js';

const uiDir = mkdtempSync(join(tmpdir(), 'baton-ui-'));
writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>Baton</title>');
writeFileSync(join(uiDir, 'app.js'), 'console.log("ui")');

describe('dashboard with a token', () => {
  let dash: DashboardApp;
  beforeAll(async () => {
    dash = await startDashboardApp({ token: 'open-sesame', uiDir });
  });
  afterAll(() => dash.close());

  it('refuses a socket without the token with a connect error, and accepts one with it', async () => {
    await expect(connected(dash.connect())).rejects.toThrow(/unauthorized/);
    await expect(connected(dash.connect({ token: 'wrong' }))).rejects.toThrow(/unauthorized/);
    const socket = dash.connect({ token: 'open-sesame' });
    await connected(socket);
    expect(await request<unknown[]>(socket, 'workflows')).toHaveLength(4);
  });

  it('refuses the UI and the REST API without the token (401)', async () => {
    expect((await fetch(`${dash.url}/baton/`)).status).toBe(401);
    expect((await fetch(`${dash.url}/baton/app.js`)).status).toBe(401);
    expect((await fetch(`${dash.url}/baton/api/workflows`)).status).toBe(401);
    expect((await fetch(`${dash.url}/baton/api/runs`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(
      401,
    );
  });

  it('serves the UI with ?token= and keeps the token in a cookie for the assets and the API', async () => {
    const page = await fetch(`${dash.url}/baton/?token=open-sesame`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Baton</title>');
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^baton_token=open-sesame; Path=\/; HttpOnly; SameSite=Strict/);
    const asset = await fetch(`${dash.url}/baton/app.js`, { headers: { cookie: 'baton_token=open-sesame' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(
      (await fetch(`${dash.url}/baton/api/workflows`, { headers: { cookie: 'baton_token=open-sesame' } })).status,
    ).toBe(200);
  });
});

describe('dashboard without a token', () => {
  it('serves the UI and redirects the bare path to the folder, and refuses paths outside it', async () => {
    const dash = await startDashboardApp({ uiDir });
    try {
      const bare = await fetch(`${dash.url}/baton`, { redirect: 'manual' });
      expect(bare.status).toBe(302);
      expect(bare.headers.get('location')).toBe('/baton/');
      expect((await fetch(`${dash.url}/baton/`)).status).toBe(200);
      expect((await fetch(`${dash.url}/baton/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
      expect((await fetch(`${dash.url}/baton/api/workflows`)).status).toBe(200);
    } finally {
      await dash.close();
    }
  });
});
