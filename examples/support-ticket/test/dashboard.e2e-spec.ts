import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Browser, Locator, Page } from 'playwright-core';
import { SAFE_DEFAULT_REPLY } from '../src/agents/drafting.agent.js';
import { DevAppModule } from '../src/dev-app.module.js';
import { launchChromium, screenshot } from './browser.js';

/** Bounds every poll of the tests added for truthful states (the older ones keep Vitest's default). */
const POLL = { timeout: 5_000 };

/** The support-ticket card of the Workflows page (the dev app lists the research agent beside it). */
function ticketCard(page: Page): Locator {
  return page.getByTestId('workflow-support-ticket');
}

/** Starts a ticket from the Workflows page with one of the sample inputs and returns the new run's id. */
async function startFromUi(page: Page, base: string, sample: string): Promise<string> {
  await page.goto(`${base}#/workflows`);
  await ticketCard(page).getByTestId(`sample-${sample}`).click();
  await ticketCard(page).getByTestId('start-submit').click();
  await page.waitForURL(/#\/runs\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

describe('the dashboard in Chromium', () => {
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(DevAppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `${await app.getUrl()}/baton/`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the workflow graph and rejects invalid input inline', async () => {
    await page.goto(`${base}#/workflows`);
    await expect.poll(() => page.getByTestId('node-accountLookup').count()).toBeGreaterThan(0);
    const card = ticketCard(page);
    await card.getByTestId('start-input').fill('{ "subject": "x", "body": "", "customerEmail": "not-an-email" }');
    await card.getByTestId('start-submit').click();
    await expect
      .poll(() => card.getByTestId('validation-error').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('customerEmail'), expect.stringContaining('subject')]));
    await card.getByTestId('sample-billing').click();
    await screenshot(page, 'workflows');
  });

  it('runs a billing ticket started from the UI: the bug branch is skipped and the reply is shown', async () => {
    const runId = await startFromUi(page, base, 'billing');
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain('succeeded');
    expect(await page.getByTestId('node-billingAgent').getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('node-bugAgent').getAttribute('data-status')).toBe('skipped');
    expect(await page.getByTestId('run-output').textContent()).toContain('How refunds work');
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the hanging lookup timed out twice and recovered by the fallback, then the safe reply', async () => {
    await startFromUi(page, base, 'hangingLookup');
    await expect
      .poll(() => page.getByTestId('attempt-accountLookup-1').getAttribute('data-outcome'), { timeout: 5_000 })
      .toBe('timeout');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 }).toContain('succeeded');
    expect(await page.getByTestId('attempt-accountLookup-2').getAttribute('data-outcome')).toBe('timeout');
    expect(await page.getByTestId('fallback-accountLookup').count()).toBe(1);
    expect(await page.getByTestId('node-accountLookup').getAttribute('data-status')).toBe('recovered');
    expect(await page.getByTestId('node-billingAgent').getAttribute('data-status')).toBe('skipped');
    expect(await page.getByTestId('run-output').textContent()).toContain(SAFE_DEFAULT_REPLY.slice(0, 40));
    await page.getByTestId('node-accountLookup').click();
    await expect.poll(() => page.getByTestId('step-panel').textContent()).toContain('StepTimeoutError');
    await screenshot(page, 'run');
  });

  it('lists the runs live', async () => {
    await page.goto(`${base}#/runs`);
    await expect.poll(() => page.getByTestId('run-row').count()).toBeGreaterThanOrEqual(2);
    const statuses = await page
      .getByTestId('run-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses.every((s) => s === 'succeeded' || s === 'running')).toBe(true);
    await screenshot(page, 'runs');
  });

  it('shows invalid JSON in the start form as an inline error as you type, and will not start it', async () => {
    await page.goto(`${base}#/workflows`);
    const card = ticketCard(page);
    await card.getByTestId('start-input').fill('{ "subject": "Refund", ');
    await expect.poll(() => card.getByTestId('json-error').textContent(), POLL).toContain('Invalid JSON');
    expect(await card.getByTestId('start-submit').isDisabled()).toBe(true);
    await card.getByTestId('start-input').press('Control+Enter');
    expect(page.url()).toMatch(/#\/workflows$/);
    await card.getByTestId('start-input').fill('{ "subject": "Refund" }');
    await expect.poll(() => card.getByTestId('json-error').count(), POLL).toBe(0);
    expect(await card.getByTestId('start-submit').isDisabled()).toBe(false);
  });

  it('records a cancel from the run page as from the dashboard, and shows the running step aborted, not failed', async () => {
    await startFromUi(page, base, 'hangingLookup');
    await expect.poll(() => page.getByTestId('node-accountLookup').getAttribute('data-status'), POLL).toBe('running');
    await page.getByTestId('cancel-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), POLL).toContain('cancelled');
    await expect
      .poll(() => page.getByTestId('run-cancel-reason').textContent(), POLL)
      .toBe('cancelled from the dashboard');
    await expect.poll(() => page.getByTestId('node-accountLookup').getAttribute('data-status'), POLL).toBe('aborted');
    await page.getByTestId('node-accountLookup').click();
    await expect.poll(() => page.getByTestId('abort-reason').textContent(), POLL).toContain('the run was cancelled');
  });

  it('shows the unreadable sample failed at classify, and its rerun failing the same way', async () => {
    const runId = await startFromUi(page, base, 'unreadable');
    await expect.poll(() => page.getByTestId('run-status').textContent(), POLL).toContain('failed');
    expect(await page.getByTestId('node-classify').getAttribute('data-status')).toBe('failed');
    expect(await page.getByTestId('run-error').textContent()).toContain('no words to classify');
    await page.getByTestId('node-classify').click();
    await expect.poll(() => page.getByTestId('step-panel').textContent(), POLL).toContain('no words to classify');
    await screenshot(page, 'failed-run');
    await page.getByTestId('rerun').click();
    await page.waitForURL((url) => /#\/runs\/[0-9a-f-]{36}$/.test(url.hash) && !url.hash.endsWith(runId));
    await expect.poll(() => page.getByTestId('run-status').textContent(), POLL).toContain('failed');
  });
});
