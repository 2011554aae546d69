import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { BatonModule, type BatonClient } from '@baton/runtime';
import { BatonDashboardModule } from '@baton/dashboard';
import { openDashboard, screenshot, type DashboardSession } from './browser.js';
import { recordFrames, spread } from './frame-gaps.js';
import { FAIL_EVERY, RunsScaleWorkflow } from './fixtures/runs-scale.workflow.js';

/** Runs kept before the browser opens the list. */
const SEEDED = 100_000;
/** Runs in flight while seeding (real runs through the client, as fast as the memory transport takes them). */
const SEED_CONCURRENCY = 128;
/** Customers the seeded tickets cycle through: each has SEEDED / CUSTOMERS runs. */
const CUSTOMERS = 500;
/** The live load while frame gaps are measured: runs started per second, for how long. */
const RATE = 100;
const STREAM_MS = 10_000;
const POLL = { timeout: 15_000 };
const WORKFLOW = 'runs-scale';

/** A memory-transport app that keeps every run the test starts, with the dashboard at /baton. */
@Module({
  imports: [
    BatonModule.forRoot({ transport: 'memory', retainRuns: 120_000 }),
    BatonDashboardModule.forRoot({ path: '/baton' }),
  ],
  providers: [RunsScaleWorkflow],
})
class RunsScaleAppModule {}

const customer = (ticket: number): string => `customer-${ticket % CUSTOMERS}`;

/** Runs tickets `first .. first + count - 1` to their end, `concurrency` at a time; returns their run ids. */
async function runTickets(client: BatonClient, first: number, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const handle = await client.start(WORKFLOW, { ticket: first + i, customer: customer(first + i) });
        ids[i] = handle.runId;
        await handle.result().catch(() => undefined); // every FAIL_EVERY-th ticket fails on purpose
      }
    }),
  );
  return ids;
}

/** The "N runs" total the list shows. */
const totalText = (page: Page): Promise<string | null> => page.getByTestId('runs-total').textContent();
const runsText = (n: number): string => `${n.toLocaleString('en-US')} run${n === 1 ? '' : 's'}`;

const ms = (value: number): string => `${value.toFixed(1)} ms`;

/**
 * With RUNS_SCALE_PROFILE=1, samples the page's main thread (CDP Profiler) until the returned function is
 * called, which prints the 25 heaviest functions by self time: to see where frame time goes.
 */
async function startProfile(page: Page): Promise<() => Promise<void>> {
  if (process.env.RUNS_SCALE_PROFILE !== '1') return async () => undefined;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const hits = new Map<number, number>();
    for (const id of profile.samples ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
    const self = new Map<string, number>();
    for (const node of profile.nodes) {
      const f = node.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').at(-1)}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (hits.get(node.id) ?? 0));
    }
    const total = profile.samples?.length || 1;
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log(top.map(([key, n]) => `${((n / total) * 100).toFixed(1)}% ${key}`).join('\n'));
  };
}

describe('the runs list at 100 000 runs (Chromium)', () => {
  let session: DashboardSession;
  let ids: string[];

  beforeAll(async () => {
    session = await openDashboard(RunsScaleAppModule, POLL.timeout);
    const start = performance.now();
    ids = await runTickets(session.client, 0, SEEDED, SEED_CONCURRENCY);
    console.log(`[runs-scale] seeded ${SEEDED} runs in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }, 120_000);

  afterAll(() => session?.close());

  it('shows the total, and searches by run id, input text, status and time range on the server', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/runs`);
    await expect.poll(() => totalText(page), POLL).toBe(runsText(SEEDED));
    expect(await page.getByTestId('run-row').count()).toBe(50);
    // Start times carry their date.
    expect(await page.locator('.started-cell').first().textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // A fragment of one run's id, typed (debounced, then searched by the server).
    const target = ids[42_424];
    const search = page.getByTestId('filter-search');
    await search.fill(target.slice(9, 23).toUpperCase());
    await expect.poll(() => totalText(page), POLL).toBe(runsText(1));
    await expect
      .poll(
        () => page.getByTestId('run-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id'))),
        POLL,
      )
      .toEqual([target]);
    expect(await page.getByTestId('run-input').first().textContent()).toBe(
      '{"ticket":42424,"customer":"customer-424"}',
    );
    expect(page.url()).toContain(`search=${target.slice(9, 23).toUpperCase()}`);

    // Input text: one customer's runs, the total across every page.
    await search.fill('customer-123"');
    await expect.poll(() => totalText(page), POLL).toBe(runsText(SEEDED / CUSTOMERS));
    const inputs = await page
      .getByTestId('run-input')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
    expect(inputs).toHaveLength(50);
    expect(inputs.every((text) => text?.endsWith('"customer":"customer-123"}'))).toBe(true);
    await screenshot(page, 'runs-search');

    // Status and time range, from a link: failed runs started between tickets 20 000 and 60 000.
    const from = (await session.client.getRun(ids[20_000])).startedAt;
    const to = (await session.client.getRun(ids[60_000])).startedAt;
    const expected = await session.client.listRuns({ workflow: WORKFLOW, status: 'failed', from, to });
    // About one ticket in FAIL_EVERY fails; runs started in the same ms as the bounds may add a few.
    expect(expected.total).toBeGreaterThan(40_000 / FAIL_EVERY - 20);
    expect(expected.total).toBeLessThan(40_000 / FAIL_EVERY + 20);
    await page.goto(`${session.base}#/runs?workflow=${WORKFLOW}&status=failed&from=${from}&to=${to}`);
    await expect.poll(() => totalText(page), POLL).toBe(runsText(expected.total));
    const rows = await page
      .getByTestId('run-row')
      .evaluateAll((all) =>
        all.map((r) => ({ id: r.getAttribute('data-run-id'), status: r.getAttribute('data-status') })),
      );
    expect(rows.map((r) => r.id)).toEqual(expected.runs.map((r) => r.runId));
    expect(rows.every((r) => r.status === 'failed')).toBe(true);
    expect(await page.getByTestId('filter-status').inputValue()).toBe('failed');
    expect(await page.getByTestId('filter-from').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    await page.close();
  }, 60_000);

  it(`stays smooth while ${RATE} runs/s stream in: frame gaps and click latency`, async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/runs`);
    await expect.poll(() => page.locator('.live-tag').textContent(), POLL).toBe('● live');
    const before = (await session.client.listRuns({})).total;
    const stopProfile = await startProfile(page);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const stopFrames = await recordFrames(page);

    // The load: RATE runs a second, paced by the clock (real runs through the client).
    let streamed = 0;
    const running: Array<Promise<string[]>> = [];
    const stream = (async () => {
      const start = Date.now();
      while (Date.now() - start < STREAM_MS) {
        const due = Math.min(Math.floor(((Date.now() - start) / 1000) * RATE), (STREAM_MS / 1000) * RATE);
        if (due > streamed) running.push(runTickets(session.client, SEEDED + streamed, due - streamed, due - streamed));
        streamed = Math.max(streamed, due);
        await new Promise((resolve) => setTimeout(resolve, 5)); // pacing, not waiting for work
      }
    })();

    // Meanwhile, clicks: "Older →" (page two over REST) and "⇤ Newest" (live page one), each until it shows.
    const clicks: number[] = [];
    const clicking = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      while (clicks.length < 12) {
        let t = performance.now();
        await page.getByTestId('page-older').click();
        await page.locator('.live-tag', { hasText: 'page 2' }).waitFor();
        clicks.push(performance.now() - t);
        t = performance.now();
        await page.getByTestId('page-newest').click();
        await page.locator('.live-tag', { hasText: '● live' }).waitFor();
        clicks.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    await Promise.all([stream, clicking]);
    await Promise.all(running);
    const { gaps: frames, longTasks } = await stopFrames();
    loop.disable();
    await stopProfile();
    console.log(
      `[runs-scale] page long tasks: ${longTasks.n}, max ${ms(longTasks.max)}; server event-loop delay p99 ` +
        `${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
    );

    const click = spread(clicks);
    console.log(
      `[runs-scale] ${streamed} runs streamed at ${RATE}/s onto ${before} kept: frame gaps p50 ${ms(frames.p50)}, ` +
        `p99 ${ms(frames.p99)}, max ${ms(frames.max)} (${frames.n} frames); click → shown p50 ${ms(click.p50)}, ` +
        `max ${ms(click.max)} (${click.n} clicks, from the test process: Playwright's checks and CDP included)`,
    );
    // The live total counts every run started meanwhile; the page holds one page of rows.
    await expect.poll(() => totalText(page), POLL).toBe(runsText(before + streamed));
    expect(await page.getByTestId('run-row').count()).toBe(50);
    // Loose bounds only: this 2-core machine also runs the server, the load and other jobs. The target
    // (frame-gap p99 ≤ 50 ms) and the figures measured are in docs/performance.md.
    expect(frames.n).toBeGreaterThan(100);
    expect(frames.p99).toBeLessThan(400);
    expect(click.p50).toBeLessThan(1_500);
  }, 60_000);
});
