import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { DevAppModule } from '../src/dev-app.module.js';
import { openDashboard, screenshot, type DashboardSession } from './browser.js';
import { recordFrames } from './frame-gaps.js';
import { GROUP_SIZE, GROUPS, Graph500Workflow, HELD_AT, LOOP_BODY } from './fixtures/graph-500.workflow.js';

/** The dev app plus a 500-step workflow (44 parallel groups of 10 and a loop). */
@Module({ imports: [DevAppModule], providers: [Graph500Workflow] })
class GraphScaleAppModule {}

const POLL = { timeout: 10_000 };
const WORKFLOW = 'graph-500';
/** Drawn when every unit is collapsed: start, 44 × (group + merge), the loop, finish; and their edges. */
const COLLAPSED = { nodes: 1 + GROUPS * 2 + 1 + 1, edges: 1 + GROUPS * 2 + 1 };
/** How long the pan is measured for, in milliseconds. */
const PAN_MS = 2_000;

/** How many nodes and edges the graph draws in all (in view or not), as its canvas states them. */
async function counts(page: Page): Promise<{ nodes: number; edges: number }> {
  const canvas = page.getByTestId(`graph-${WORKFLOW}`);
  return {
    nodes: Number(await canvas.getAttribute('data-node-count')),
    edges: Number(await canvas.getAttribute('data-edge-count')),
  };
}

/** The edges in the DOM, and how many of them have a path (an edge without geometry is not drawn). */
function renderedEdges(page: Page): Promise<{ rendered: number; drawn: number }> {
  return page
    .getByTestId(`graph-${WORKFLOW}`)
    .locator('.react-flow__edge path.react-flow__edge-path')
    .evaluateAll((paths) => ({
      rendered: paths.length,
      drawn: paths.filter((p) => (p.getAttribute('d') ?? '').trim() !== '').length,
    }));
}

/** The graph's zoom factor, from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const transform = await page
    .getByTestId(`graph-${WORKFLOW}`)
    .locator('.react-flow__viewport')
    .evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? Number.NaN);
}

/** Fits the whole graph (the Controls' button), so every node and edge is in view, and checks all are drawn. */
async function expectEveryEdgeDrawn(page: Page): Promise<void> {
  await page.getByTestId(`graph-${WORKFLOW}`).locator('.react-flow__controls-fitview').click();
  const { edges } = await counts(page);
  await expect.poll(() => renderedEdges(page), POLL).toEqual({ rendered: edges, drawn: edges });
}

/**
 * Drags the graph around for {@link PAN_MS} while the page records the gaps between animation frames;
 * returns their p50, p99 and max in milliseconds.
 */
async function measurePan(page: Page): Promise<{ p50: number; p99: number; max: number; frames: number }> {
  const box = (await page.getByTestId(`graph-${WORKFLOW}`).boundingBox())!;
  const stop = await recordFrames(page);
  // Start on the empty pane at the canvas's left edge; swing right and down and back, like a user looking around.
  const x0 = box.x + 12;
  const y0 = box.y + 24;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const start = Date.now();
  while (Date.now() - start < PAN_MS) {
    const t = (Date.now() - start) / PAN_MS;
    await page.mouse.move(x0 + 300 * Math.sin(t * Math.PI * 2), y0 + 380 * Math.sin(t * Math.PI));
  }
  await page.mouse.up();
  const { gaps } = await stop();
  return { p50: gaps.p50, p99: gaps.p99, max: gaps.max, frames: gaps.n };
}

const round = (ms: number): string => ms.toFixed(1);

describe('a 500-step graph in the dashboard (Chromium)', () => {
  let session: DashboardSession;
  let runId: string;

  beforeAll(async () => {
    session = await openDashboard(GraphScaleAppModule, POLL.timeout);
    runId = (await session.client.start(WORKFLOW, {})).runId;
  });

  afterAll(() => session?.close());

  it('lists it in the workflows index and jumps to its card', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/workflows`);
    const entry = page.getByTestId(`index-${WORKFLOW}`);
    await expect.poll(() => entry.textContent(), POLL).toContain('500 steps');
    expect(await entry.textContent()).toContain(`${GROUPS} parallel groups`);
    expect(await entry.textContent()).toContain('resume');
    expect(await page.getByTestId('index-support-ticket').textContent()).toContain('steps');
    await entry.getByRole('link').click();
    await page.waitForURL(/#\/workflows\/graph-500$/);
    await page.getByTestId(`graph-${WORKFLOW}`).waitFor();
    await expect
      .poll(async () => (await page.getByTestId(`workflow-${WORKFLOW}`).boundingBox())?.y ?? -1, POLL)
      .toBeLessThan(40);
  });

  it('opens collapsed and readable, draws every edge, and collapses and expands a group and the loop', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/workflows/${WORKFLOW}`);
    await page.getByTestId('summary-group:batch1').waitFor();
    expect(await counts(page)).toEqual(COLLAPSED);
    // The first view is the graph's top at a readable zoom, not 91 nodes fitted microscopically.
    await expect.poll(() => zoom(page), POLL).toBeGreaterThanOrEqual(0.5);
    expect(await page.getByTestId('summary-facts-group:batch1').textContent()).toBe(`${GROUP_SIZE} steps`);
    const inView = await renderedEdges(page);
    expect(inView.rendered).toBeGreaterThan(0);
    expect(inView.rendered).toBeLessThan(COLLAPSED.edges);
    expect(inView.drawn).toBe(inView.rendered);

    // Expand batch1 with a click: its 10 steps replace the summary; start → batch1 → merge1 becomes 20 edges.
    const toggle = page.getByTestId('toggle-group:batch1');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const expanded = { nodes: COLLAPSED.nodes - 1 + GROUP_SIZE, edges: COLLAPSED.edges - 2 + 2 * GROUP_SIZE };
    await expect.poll(() => counts(page), POLL).toEqual(expanded);
    await page.getByTestId('node-b1s5').waitFor();
    expect(await page.getByTestId('toggle-group:batch1').getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => renderedEdges(page).then((e) => e.drawn === e.rendered), POLL).toBe(true);

    // Collapse it again from the keyboard.
    await page.getByTestId('toggle-group:batch1').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => counts(page), POLL).toEqual(COLLAPSED);

    // The loop: 14 steps, with its back edge, in place of one summary.
    await expectEveryEdgeDrawn(page);
    // At the whole graph's zoom the button is a speck: press it from the keyboard.
    await page.getByTestId('toggle-loop:check:draft').press('Enter');
    await expect
      .poll(() => counts(page), POLL)
      .toEqual({ nodes: COLLAPSED.nodes - 1 + LOOP_BODY, edges: COLLAPSED.edges - 2 + 2 + (LOOP_BODY - 1) + 1 });
    await expectEveryEdgeDrawn(page);
    expect(await page.getByTestId('rf__edge-check->draft:loop').locator('text').textContent()).toBe('loop ≤2');
  });

  it('shows a run: aggregate states on the collapsed groups, kept collapse state through live updates', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/runs/${runId}`);
    const batch1 = page.getByTestId('summary-group:batch1');
    await expect.poll(() => batch1.getAttribute('data-status'), POLL).toBe('succeeded');
    expect(await page.getByTestId('summary-facts-group:batch1').textContent()).toContain(
      `${GROUP_SIZE}/${GROUP_SIZE} done`,
    );
    await expect.poll(async () => (await session.client.getRun(runId)).steps[HELD_AT]?.status, POLL).toBe('waiting');
    // Groups after the held merge have not started.
    await page.getByTestId(`graph-${WORKFLOW}`).locator('.react-flow__controls-fitview').click();
    await expect
      .poll(() => page.getByTestId('summary-group:batch30').getAttribute('data-status'), POLL)
      .toBe('pending');
    expect(await page.getByTestId('summary-facts-group:batch30').textContent()).toContain(`0/${GROUP_SIZE} done`);
    await expectEveryEdgeDrawn(page);

    // Expand batch2 (found from the top again), then let the run finish: the view keeps it expanded.
    await page.reload();
    await page.getByTestId('toggle-group:batch2').click();
    await page.getByTestId('node-b2s5').waitFor();
    const shown = await counts(page);
    await session.client.signal(runId, 'resume');
    await expect
      .poll(() => page.getByTestId('run-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('succeeded');
    expect(await counts(page)).toEqual(shown);
    expect(await page.getByTestId('node-b2s5').getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('toggle-group:batch2').getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'graph-500', { fullPage: false }); // the full page adds the 500-row waterfall
    await expectEveryEdgeDrawn(page);
    await expect
      .poll(() => page.getByTestId('summary-loop:check:draft').getAttribute('data-status'), POLL)
      .toBe('succeeded');
    expect(await page.getByTestId('summary-facts-loop:check:draft').textContent()).toContain('pass 2/2');
  }, 60_000);

  it('pans smoothly: the gaps between animation frames while dragging the graph', async () => {
    const page = await session.newPage();
    await page.goto(`${session.base}#/runs/${runId}`);
    await expect
      .poll(() => page.getByTestId('summary-group:batch1').getAttribute('data-status'), POLL)
      .toBe('succeeded');
    const collapsed = await measurePan(page);
    // Every group and the loop expanded: 500 steps, React Flow drawing only those in view.
    await page.goto(`${session.base}#/workflows/${WORKFLOW}`);
    await page.getByTestId('summary-group:batch1').waitFor();
    await page.getByTestId('expand-all').click();
    await expect.poll(async () => (await counts(page)).nodes, POLL).toBe(500);
    await page.getByTestId('node-start').waitFor();
    const expanded = await measurePan(page);
    for (const [name, m] of [
      ['run page, collapsed (91 nodes)', collapsed],
      ['workflows page, expanded (500 nodes)', expanded],
    ] as const) {
      console.log(
        `pan ${name}: ${m.frames} frames, gap p50 ${round(m.p50)} ms, p99 ${round(m.p99)} ms, max ${round(m.max)} ms`,
      );
      expect(m.frames).toBeGreaterThan(10);
      expect(m.p99).toBeLessThan(250);
    }
  }, 60_000);
});
