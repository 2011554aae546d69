import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkflowGraph } from '@baton/sdk';
import { awaitingApproval } from '../src/awaiting-approval.js';
import { DevAppModule } from '../src/dev-app.module.js';
import { SAMPLE_TICKETS } from '../src/sample-tickets.js';
import { openDashboard, type DashboardSession } from './browser.js';

/** Bounds every poll: a page that has not drawn its edges within this never will. */
const POLL = { timeout: 5_000 };
const WORKFLOW = 'support-ticket';

/** How many edges the dashboard draws for a graph: one per `dependsOn` entry and one per loop back target. */
function edgeCount(graph: WorkflowGraph): number {
  const names = new Set(graph.steps.map((s) => s.name));
  return graph.steps.reduce(
    (n, step) =>
      n +
      step.dependsOn.filter((dep) => names.has(dep)).length +
      (step.backTargets ?? []).filter((target) => names.has(target)).length,
    0,
  );
}

/** The edge paths the graph has actually drawn (a path with an empty `d` is an edge without geometry). */
function drawnEdges(page: Page): Promise<number> {
  return page
    .locator('.react-flow__edge path.react-flow__edge-path')
    .evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').trim() !== '').length);
}

/** The graph's pan and zoom, as React Flow writes it on its viewport. */
function viewportTransform(page: Page): Promise<string> {
  return page
    .locator('.react-flow__viewport')
    .first()
    .evaluate((el) => (el as HTMLElement).style.transform);
}

/** The viewport's transform once it has stopped changing (the initial fit and any refit done). */
async function settledTransform(page: Page): Promise<string> {
  let last = '';
  await expect
    .poll(async () => {
      const before = await viewportTransform(page);
      await page.waitForTimeout(150);
      const after = (last = await viewportTransform(page));
      return before === after && /scale/.test(after);
    }, POLL)
    .toBe(true);
  return last;
}

/** The zoom factor of a `translate(x, y) scale(k)` transform. */
function zoomOf(transform: string): number {
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
}

describe('the run page graph in Chromium', () => {
  let session: DashboardSession;
  let expected: number;
  const runs: Record<'running' | 'succeeded' | 'cancelled' | 'failed', string[]> = {
    running: [],
    succeeded: [],
    cancelled: [],
    failed: [],
  };

  beforeAll(async () => {
    session = await openDashboard(DevAppModule);
    const { client } = session;
    const graph = client.workflows().find((w) => w.name === WORKFLOW)!.graph;
    expected = edgeCount(graph);

    // Running: the large refund waits for a supervisor's approval.
    runs.running.push((await client.start(WORKFLOW, SAMPLE_TICKETS.largeRefund)).runId);
    // Cancelled: another large refund, cancelled while it waits.
    const toCancel = await client.start(WORKFLOW, SAMPLE_TICKETS.largeRefund);
    expect(await awaitingApproval(client, toCancel.runId, 5_000)).toBe(true);
    expect(await client.cancel(toCancel.runId)).toBe(true);
    runs.cancelled.push(toCancel.runId);
    // Succeeded: a billing and a bug ticket.
    for (const sample of ['billing', 'bug'] as const) {
      const handle = await client.start(WORKFLOW, SAMPLE_TICKETS[sample]);
      await handle.result();
      runs.succeeded.push(handle.runId);
    }
    // Failed for good: the unreadable ticket.
    const failing = await client.start(WORKFLOW, SAMPLE_TICKETS.unreadable);
    await failing.result().catch(() => undefined);
    runs.failed.push(failing.runId);
    for (const [status, ids] of Object.entries(runs))
      for (const id of ids) expect((await client.getRun(id)).status, `${status} run`).toBe(status);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws every edge on each of 20 direct loads of running, succeeded, cancelled and failed runs', async () => {
    expect(expected).toBeGreaterThan(5);
    const order = [...runs.running, ...runs.succeeded, ...runs.cancelled, ...runs.failed];
    const missed: string[] = [];
    for (let load = 0; load < 20; load++) {
      const runId = order[load % order.length];
      const page = await session.newPage();
      await page.goto(`${session.base}#/runs/${runId}`);
      await page.getByTestId(`graph-${WORKFLOW}`).waitFor();
      await page.getByTestId('node-accountLookup').waitFor();
      // Give the page its 5 s to draw them all; record the loads that never did instead of failing at once.
      const drawn = await expect
        .poll(() => drawnEdges(page), POLL)
        .toBe(expected)
        .then(
          () => expected,
          async () => drawnEdges(page),
        );
      if (drawn !== expected) missed.push(`load ${load + 1} (${runId}): ${drawn}/${expected} edges`);
      await page.close();
    }
    expect(missed).toEqual([]);
  }, 120_000); // 20 fresh tabs take about 30 s alone on 2 cores, and up to three times that beside other suites

  it('refits the graph when the window is resized and zooms it with the wheel', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/runs/${runs.succeeded[0]}`);
    await page.getByTestId('node-accountLookup').waitFor();
    await expect.poll(() => drawnEdges(page), POLL).toBe(expected);
    const wide = await settledTransform(page);

    await page.setViewportSize({ width: 800, height: 700 });
    await expect.poll(() => viewportTransform(page), POLL).not.toBe(wide);
    const narrow = await settledTransform(page);

    const box = (await page.getByTestId(`graph-${WORKFLOW}`).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    await expect.poll(async () => zoomOf(await viewportTransform(page)), POLL).toBeLessThan(zoomOf(narrow));
    const zoomedOut = zoomOf(await settledTransform(page));
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => zoomOf(await viewportTransform(page)), POLL).toBeGreaterThan(zoomedOut);
  });

  it('refits the workflows page graph when the window is resized', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/workflows`);
    await page.getByTestId(`graph-${WORKFLOW}`).locator('.react-flow__edge').first().waitFor({ state: 'attached' });
    const viewport = page.getByTestId(`graph-${WORKFLOW}`).locator('.react-flow__viewport');
    const transform = (): Promise<string> => viewport.evaluate((el) => (el as HTMLElement).style.transform);
    await expect.poll(transform, POLL).toMatch(/scale/);
    await page.waitForTimeout(300);
    const wide = await transform();
    await page.setViewportSize({ width: 800, height: 700 });
    await expect.poll(transform, POLL).not.toBe(wide);
  });
});
