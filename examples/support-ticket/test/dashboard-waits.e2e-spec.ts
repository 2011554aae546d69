import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import type { BatonClient } from '@baton/runtime';
import { DevAppModule } from '../src/dev-app.module.js';
import { openDashboard, type DashboardSession } from './browser.js';
import { DashboardWaitsWorkflow, DRAFT_CHUNKS, releaseDraft } from './fixtures/dashboard-waits.workflow.js';

/** The dev app plus a small waiting workflow of this test's own (draft streams → approval waits → send). */
@Module({ imports: [DevAppModule], providers: [DashboardWaitsWorkflow] })
class WaitsDashboardAppModule {}

const POLL = { timeout: 5_000 };
const LAST_CHUNK = DRAFT_CHUNKS.at(-1)!;

describe('the dashboard shows waits and sends signals (Chromium)', () => {
  let session: DashboardSession;
  let client: BatonClient;
  let base: string;
  const newPage = () => session.newPage();

  beforeAll(async () => {
    session = await openDashboard(WaitsDashboardAppModule, POLL.timeout);
    ({ client, base } = session);
  });

  afterAll(async () => {
    if (client) {
      // A run left waiting (a failed test) would hold its day-long timer: end it.
      const { runs } = await client.listRuns({ workflow: 'dashboard-waits', status: 'running' });
      for (const run of runs) {
        releaseDraft(run.runId);
        await client.cancel(run.runId);
      }
    }
    await session?.close();
  });

  it('streams the draft, shows the approval waiting, lists it as waiting, and approves it from the run page', async () => {
    const { runId } = await client.start('dashboard-waits', {});
    const page = await newPage();
    await page.goto(`${base}#/runs/${runId}`);

    // While draft runs: its latest progress, one line on its box and in full in its panel.
    await expect.poll(() => page.getByTestId('node-draft').getAttribute('data-status'), POLL).toBe('running');
    await expect.poll(() => page.getByTestId('progress-draft').textContent(), POLL).toBe(LAST_CHUNK);
    await page.getByTestId('node-draft').click();
    await expect.poll(() => page.getByTestId('step-progress').textContent(), POLL).toBe(LAST_CHUNK);
    releaseDraft(runId);

    // The approval step waits: on its box (colour, what for, until when), in the header and in its panel.
    const node = page.getByTestId('node-approval');
    await expect.poll(() => node.getAttribute('data-status'), POLL).toBe('waiting');
    expect(await node.locator('.badge-wait').textContent()).toBe('waits approval');
    expect(await page.getByTestId('wait-approval').textContent()).toMatch(/until .*\d\d:\d\d, in 2[34] h/);
    expect(await page.getByTestId('run-waiting').textContent()).toContain('approval');
    expect(await page.getByTestId('progress-draft').count()).toBe(0);
    expect(await page.getByTestId('step-progress').textContent()).toBe(LAST_CHUNK);
    await node.click();
    await expect.poll(() => page.getByTestId('step-waiting').textContent(), POLL).toContain('signal approval');
    expect(await page.getByTestId('step-waiting').textContent()).toContain('Approval');
    expect(await page.getByTestId('step-wait-until').textContent()).toMatch(/^until /);

    // The run list under the `waiting` filter lists it, tagged.
    const list = await newPage();
    await list.goto(`${base}#/runs?status=waiting`);
    const row = list.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await list.getByTestId('filter-status').inputValue()).toBe('waiting');
    expect(await row.getByTestId('run-waiting-badge').textContent()).toBe('waiting');

    // A comment over 200 characters: the payload class refuses it, and the error shows next to the field.
    const form = page.getByTestId('signal-form-approval');
    await form.getByTestId('signal-field-comment').fill('x'.repeat(201));
    expect(await form.getByTestId('signal-field-comment-count').textContent()).toBe('201/200');
    await form.getByTestId('signal-choice-approve').click();
    await expect.poll(() => form.getByTestId('field-error-comment').textContent(), POLL).toContain('200');
    expect(await form.getByTestId('signal-error').count()).toBe(0);
    expect(await node.getAttribute('data-status')).toBe('waiting');

    // Approve with a comment: the form goes as the step leaves `waiting`, and the run succeeds.
    await form.getByTestId('signal-field-comment').fill('Looks good');
    await form.getByTestId('signal-choice-approve').click();
    await expect.poll(() => page.getByTestId('run-status').getAttribute('data-status'), POLL).toBe('succeeded');
    expect(await node.getAttribute('data-status')).toBe('succeeded');
    expect(await page.getByTestId('signal-forms').count()).toBe(0);
    expect(await page.getByTestId('run-waiting').count()).toBe(0);
    await expect.poll(() => page.getByTestId('step-received').textContent(), POLL).toContain('Looks good');

    // The waiting list drops the run live.
    await expect.poll(() => row.count(), POLL).toBe(0);
    expect(await client.getRun(runId)).toMatchObject({
      status: 'succeeded',
      steps: { approval: { status: 'succeeded', output: { decision: 'approve', comment: 'Looks good' } } },
      output: { sent: LAST_CHUNK },
    });
  });
});
