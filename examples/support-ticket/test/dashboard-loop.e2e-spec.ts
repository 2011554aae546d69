import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import type { BatonClient } from '@baton/runtime';
import type { Page } from 'playwright-core';
import { DevAppModule } from '../src/dev-app.module.js';
import { openDashboard, type DashboardSession } from './browser.js';
import { LoopReviewWorkflow, type LoopReviewInput } from './fixtures/loop-review.workflow.js';

/** The dev app plus a small loop workflow of this test's own (race → write ↔ critique → publish, with a budget). */
@Module({ imports: [DevAppModule], providers: [LoopReviewWorkflow] })
class LoopDashboardAppModule {}

const POLL = { timeout: 5_000 };
/** The first and last points of an SVG path (`M x,y C … x,y`). */
function pathEnds(d: string): [{ x: number; y: number }, { x: number; y: number }] {
  const numbers = (d.match(/-?[\d.]+/g) ?? []).map(Number);
  return [
    { x: numbers[0], y: numbers[1] },
    { x: numbers.at(-2)!, y: numbers.at(-1)! },
  ];
}

/** A graph node's box in the graph's coordinates, from React Flow's wrapper (`translate(x, y)`, width, height). */
async function flowBox(page: Page, id: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const style = (await page.locator(`.react-flow__node[data-id="${id}"]`).getAttribute('style')) ?? '';
  const [x, y] = (/translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(style) ?? []).slice(1).map(Number);
  const [width, height] = [/width: ([\d.]+)px/, /height: ([\d.]+)px/].map((re) => Number(re.exec(style)?.[1]));
  return { x, y, width, height };
}

/** Numbers are grouped with a narrow no-break space (`1 120`); compare with plain spaces. */
const plain = (text: string | null): string => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

describe('the dashboard shows loops, races and budgets (Chromium)', () => {
  let session: DashboardSession;
  let client: BatonClient;
  let base: string;
  const newPage = () => session.newPage();

  /** A run of loop-review, ended, opened by loading its page directly (a fresh tab). */
  async function openRun(input: LoopReviewInput): Promise<Page> {
    const handle = await client.start('loop-review', input);
    await handle.result().catch(() => undefined);
    const page = await newPage();
    await page.goto(`${base}#/runs/${handle.runId}`);
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).not.toBe('running');
    return page;
  }

  beforeAll(async () => {
    session = await openDashboard(LoopDashboardAppModule, POLL.timeout);
    ({ client, base } = session);
  });

  afterAll(() => session?.close());

  it('draws the back edge, the passes of the body, one waterfall bar per pass, and the superseded race loser', async () => {
    const page = await openRun({});
    expect(await page.getByTestId('run-status').getAttribute('data-status')).toBe('succeeded');

    // The back edge: an SVG edge from critique's right side up to write's, labelled with the cap.
    const edge = page.getByTestId('rf__edge-critique->write:loop');
    await expect.poll(() => edge.locator('path.react-flow__edge-path').getAttribute('d'), POLL).toMatch(/^M[\d.]+,/);
    expect(await edge.locator('text').textContent()).toBe('loop ≤3');
    // In the graph's own coordinates: it leaves critique's right side and enters write's (handles are 6 px).
    const [from, to] = pathEnds((await edge.locator('path.react-flow__edge-path').getAttribute('d'))!);
    const write = await flowBox(page, 'write');
    const critique = await flowBox(page, 'critique');
    expect(Math.abs(to.x - (write.x + write.width))).toBeLessThanOrEqual(4);
    expect(Math.abs(to.y - (write.y + write.height / 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(from.x - (critique.x + critique.width))).toBeLessThanOrEqual(4);
    expect(Math.abs(from.y - (critique.y + critique.height / 2))).toBeLessThanOrEqual(1);
    // Forward edges are drawn too on a direct load.
    expect(await page.getByTestId('rf__edge-write->critique').locator('path').first().getAttribute('d')).toMatch(/^M/);

    // Pass numbers on the body steps only.
    expect(await page.getByTestId('pass-write').textContent()).toBe('pass 2/3');
    expect(await page.getByTestId('pass-critique').textContent()).toBe('pass 2/3');
    expect(await page.getByTestId('node-write').getAttribute('data-iteration')).toBe('2');
    expect(await page.getByTestId('pass-plan').count()).toBe(0);

    // The waterfall: one bar per pass of write, and the loop's new pass marked.
    const bars = page.locator('[data-testid^="attempt-write-"]');
    expect(await bars.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')))).toEqual([
      'attempt-write-1-pass1',
      'attempt-write-1-pass2',
    ]);
    expect(await page.getByTestId('lane-write-pass2').textContent()).toContain('pass 2');
    expect(await page.getByTestId('loop-mark-critique-2').textContent()).toContain('pass 2/3');

    // The race loser is superseded, on the graph and in the waterfall: neutral, not failed.
    expect(await page.getByTestId('node-slowModel').getAttribute('data-status')).toBe('superseded');
    expect(await page.getByTestId('lane-slowModel').getAttribute('data-status')).toBe('superseded');
    expect(await page.getByTestId('attempt-slowModel-1').getAttribute('data-outcome')).toBe('superseded');
    expect(await page.getByTestId('node-pick').locator('.badge-join').textContent()).toBe('any');

    // Usage: per step in the panel and on the node, per run in the header against the budget.
    expect(plain(await page.getByTestId('run-usage-tokens').locator('dd').textContent())).toBe('1 120 / 5 000');
    expect(await page.getByTestId('usage-write').textContent()).toContain('800 tok');
    await page.getByTestId('node-write').click();
    await expect.poll(() => page.getByTestId('step-pass').textContent(), POLL).toBe('pass 2/3');
    expect(await page.getByTestId('step-usage-tokens').textContent()).toBe('800');
    expect(await page.getByTestId('attempt-row').count()).toBe(2);
  });

  it('marks the budget that failed the run and the steps skipped for it', async () => {
    const page = await openRun({ writeTokens: 3_000 });
    expect(await page.getByTestId('run-status').getAttribute('data-status')).toBe('failed');
    const tokens = page.getByTestId('run-usage-tokens');
    expect(await tokens.getAttribute('data-over')).toBe('true');
    expect(plain(await tokens.textContent())).toContain('6 220 / 5 000');
    expect(await page.getByTestId('node-publish').getAttribute('data-status')).toBe('skipped');
    expect(await page.getByTestId('node-publish').getAttribute('class')).toContain('skip-budget');
    expect(await page.getByTestId('run-error-details').textContent()).toContain('tokens');
  });

  it('draws the back edge on the workflows page too', async () => {
    const page = await newPage();
    await page.goto(`${base}#/workflows`);
    const edge = page.getByTestId('graph-loop-review').getByTestId('rf__edge-critique->write:loop');
    await expect.poll(() => edge.locator('text').textContent(), POLL).toBe('loop ≤3');
  });
});
