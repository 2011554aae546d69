import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BatonClient } from '@baton/runtime';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's Chromium lives; `.ci/run` installs the `chromium` package when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches Debian's Chromium headless with no network beyond localhost (Playwright gives it a fresh profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** A dev-app-like module served on a free port, with Chromium, as the dashboard browser tests use it. */
export interface DashboardSession {
  app: INestApplication;
  client: BatonClient;
  /** The dashboard's URL (`http://127.0.0.1:<port>/baton/`). */
  base: string;
  /** A fresh tab (so every page is a direct load) whose waits for an element give up after `timeoutMs`. */
  newPage(): Promise<Page>;
  /** Closes every tab, the browser and the app. */
  close(): Promise<void>;
}

/** Serves `module` on 127.0.0.1 (a free port) and launches Chromium for it. */
export async function openDashboard(module: Type, timeoutMs = 5_000): Promise<DashboardSession> {
  const app = await NestFactory.create(module, { logger: false });
  await app.listen(0, '127.0.0.1');
  const browser = await launchChromium();
  const pages: Page[] = [];
  return {
    app,
    client: app.get(BatonClient),
    base: `${await app.getUrl()}/baton/`,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.setDefaultTimeout(timeoutMs);
      pages.push(page);
      return page;
    },
    async close() {
      for (const page of pages) await page.close();
      await browser.close();
      await app.close();
    },
  };
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shots = join(root, 'examples/support-ticket/test-output/screenshots');

/**
 * Saves a screenshot (of the full page, or with `fullPage: false` of the window) under
 * `test-output/screenshots` and checks it is not blank; with `UPDATE_SCREENSHOTS=1` also refreshes the
 * committed copy under `docs/screenshots`.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (statSync(file).size < 10_000)
    throw new Error(`The ${name} screenshot is nearly empty (${statSync(file).size} bytes).`);
  if (process.env.UPDATE_SCREENSHOTS === '1') copyFileSync(file, join(root, 'docs/screenshots', `${name}.png`));
}
