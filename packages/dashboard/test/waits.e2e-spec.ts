import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@baton/runtime';
import type { RunProgress, RunsUpdate, RunSubscription, SignalSchema, WorkflowInfo } from '../src/index.js';
import { ApprovalFlowWorkflow, drafts, PokeWorkflow } from './approval.workflow.js';
import { connected, request, startDashboardApp, type DashboardApp } from './dashboard-app.js';

type Reply = { runId?: string; error?: { code?: string; name: string; violations?: { path: string }[] } };

describe('dashboard gateway: waits, signals and progress', () => {
  let dash: DashboardApp;
  beforeEach(async () => {
    drafts.clear();
    dash = await startDashboardApp({}, [ApprovalFlowWorkflow, PokeWorkflow]);
  });
  afterEach(async () => {
    for (const { runId } of (await dash.client.listRuns({ status: 'running' })).runs) await dash.client.cancel(runId);
    await dash.close();
  });

  /** Starts approval-flow and lets its draft finish, so `approval` waits. */
  async function waitingRun(key: string): Promise<string> {
    const { runId } = await dash.client.start('approval-flow', { key });
    await expect.poll(() => drafts.has(key)).toBe(true);
    drafts.get(key)!();
    await expect.poll(async () => (await dash.client.getRun(runId)).steps.approval.status).toBe('waiting');
    return runId;
  }

  it('describes each signal payload class in the workflow list and with a run snapshot', async () => {
    const socket = dash.connect();
    await connected(socket);
    const workflows = await request<WorkflowInfo[]>(socket, 'workflows');
    const flow = workflows.find((w) => w.name === 'approval-flow')!;
    expect(flow.signals).toEqual<SignalSchema[]>([
      {
        name: 'approval',
        steps: ['approval'],
        payload: 'Approval',
        fields: [
          { name: 'decision', kind: 'enum', optional: false, options: ['approve', 'reject'] },
          { name: 'comment', kind: 'string', optional: true, maxLength: 200 },
        ],
      },
      {
        name: 'tuning',
        steps: ['tune'],
        payload: 'Tuning',
        fields: [
          { name: 'level', kind: 'number', optional: false, min: 1, max: 5, integer: true },
          { name: 'urgent', kind: 'boolean', optional: false },
          { name: 'extra', kind: 'json', optional: true },
        ],
      },
    ]);
    expect(workflows.find((w) => w.name === 'poke')!.signals).toEqual([{ name: 'poke', steps: ['poked'] }]);
    expect(workflows.find((w) => w.name === 'quick')!.signals).toBeUndefined();

    const runId = await waitingRun('schema');
    const ack = await request<RunSubscription>(socket, 'subscribe:run', { runId });
    expect(ack.signals?.map((s) => s.name)).toEqual(['approval', 'tuning']);
    expect(ack.snapshot?.steps.approval.waitingFor).toMatchObject({ signal: 'approval', until: expect.any(Number) });
  });

  it('sends a signal: violations for an invalid payload, then the run goes on; typed errors otherwise', async () => {
    const socket = dash.connect();
    await connected(socket);
    const runId = await waitingRun('send');
    const invalid = await request<Reply>(socket, 'signal:send', {
      runId,
      signal: 'approval',
      payload: { decision: 'maybe', comment: 'x'.repeat(201) },
    });
    expect(invalid.error?.code).toBe('INPUT_VALIDATION');
    expect(invalid.error?.violations?.map((v) => v.path).sort()).toEqual(['comment', 'decision']);
    expect((await dash.client.getRun(runId)).steps.approval.status).toBe('waiting');

    const unknown = await request<Reply>(socket, 'signal:send', { runId, signal: 'nope', payload: {} });
    expect(unknown.error?.code).toBe('UNKNOWN_SIGNAL');
    const bad = await request<Reply>(socket, 'signal:send', { runId });
    expect(bad.error?.name).toBe('BadRequest');

    const sent = await request<Reply>(socket, 'signal:send', {
      runId,
      signal: 'approval',
      payload: { decision: 'approve', comment: 'fine' },
    });
    expect(sent).toEqual({ runId });
    await expect.poll(async () => (await dash.client.getRun(runId)).steps.tune.status).toBe('waiting');
    expect((await dash.client.getRun(runId)).steps.approval).toMatchObject({ status: 'succeeded', output: 'approve' });

    await dash.client.cancel(runId);
    const ended = await request<Reply>(socket, 'signal:send', { runId, signal: 'tuning', payload: {} });
    expect(ended.error?.code).toBe('RUN_NOT_RUNNING');
    const missing = await request<Reply>(socket, 'signal:send', { runId: 'missing', signal: 'poke' });
    expect(missing.error?.code).toBe('RUN_NOT_FOUND');
  });

  it('counts waiting steps in run-list updates, so a waiting filter can drop runs that stopped waiting', async () => {
    const socket = dash.connect();
    await connected(socket);
    const updates: RunsUpdate['runs'] = [];
    socket.on('runs:update', (update: RunsUpdate) => updates.push(...update.runs));
    await request(socket, 'subscribe:runs', { status: 'waiting' });
    const runId = await waitingRun('list');
    await expect.poll(() => updates.filter((r) => r.runId === runId).at(-1)?.waiting).toBe(1);
    expect((await dash.client.listRuns({ status: 'waiting' })).runs.map((r) => r.runId)).toEqual([runId]);

    await dash.client.signal(runId, 'approval', { decision: 'reject' });
    await expect.poll(async () => (await dash.client.getRun(runId)).steps.tune.status).toBe('waiting');
    await dash.client.cancel(runId);
    await expect.poll(async () => (await dash.client.getRun(runId)).status).toBe('cancelled');
    // Updates carry only runs that match the filter or just left it: the last one drops the run.
    await expect.poll(() => updates.filter((r) => r.runId === runId).at(-1)?.waiting).toBeUndefined();
    const last = updates.filter((r) => r.runId === runId).at(-1)!;
    expect(last.status !== 'running' || last.waiting === undefined).toBe(true);
  });

  it('forwards a run’s progress, its tail first, until unsubscribed', async () => {
    const [socket, other] = [dash.connect(), dash.connect()];
    await Promise.all([connected(socket), connected(other)]);
    const received: ProgressEvent[] = [];
    const stayed: ProgressEvent[] = [];
    socket.on('run:progress', (batch: RunProgress) => received.push(...batch.events));
    other.on('run:progress', (batch: RunProgress) => stayed.push(...batch.events));
    const { runId } = await dash.client.start('approval-flow', { key: 'progress' });
    await expect.poll(() => drafts.has('progress')).toBe(true);
    expect(await request(socket, 'subscribe:progress', { runId })).toEqual({ ok: true });
    await request(other, 'subscribe:progress', { runId });
    await expect.poll(() => received.map((e) => e.data)).toEqual([{ text: 'Dear' }, { text: 'Dear customer' }]);
    expect(received[0]).toMatchObject({ runId, step: 'draft' });

    socket.emit('unsubscribe:progress', { runId });
    await request(socket, 'workflows');
    drafts.get('progress')!();
    await expect.poll(() => stayed.at(-1)?.data).toEqual({ text: 'Dear customer, thanks' });
    expect(received).toHaveLength(2);
    const bad = await request<Reply>(socket, 'subscribe:progress', {});
    expect(bad.error?.name).toBe('BadRequest');
  });
});
