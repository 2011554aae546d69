import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSubscription, RunsSnapshot, RunEvents, RunsUpdate, TraceBatch, WorkflowInfo } from '../src/index.js';
import type { TraceEvent } from '@baton/runtime';
import { connected, gates, request, startDashboardApp, type DashboardApp } from './dashboard-app.js';

describe('dashboard gateway', () => {
  let dash: DashboardApp;
  beforeEach(async () => {
    gates.clear();
    dash = await startDashboardApp({ samples: { quick: { empty: {} } } });
  });
  afterEach(() => dash.close());

  it('lists workflows with their graphs and samples', async () => {
    const socket = dash.connect();
    await connected(socket);
    const workflows = await request<WorkflowInfo[]>(socket, 'workflows');
    expect(workflows.map((w) => w.name)).toEqual(['burst', 'gated', 'gatedBurst', 'quick']);
    expect(workflows.find((w) => w.name === 'quick')).toMatchObject({
      samples: { empty: {} },
      graph: { steps: [{ name: 'a' }, { name: 'b' }] },
    });
  });

  it('answers subscribe:run with a snapshot, then streams the live events in seq order', async () => {
    const socket = dash.connect();
    await connected(socket);
    const { runId } = await dash.client.start('gated', { key: 'k1' });
    await expect.poll(() => gates.has('k1')).toBe(true);
    const live: TraceEvent[] = [];
    socket.on('run:events', (batch: RunEvents) => live.push(...batch.events));
    const ack = await request<RunSubscription>(socket, 'subscribe:run', { runId });
    expect(ack.snapshot).toMatchObject({
      runId,
      status: 'running',
      steps: { first: { status: 'succeeded' }, wait: { status: 'running' } },
    });
    expect(ack.graph?.name).toBe('gated');
    gates.get('k1')!();
    await expect.poll(() => live.at(-1)?.type).toBe('run.succeeded');
    const all = [...ack.events, ...live];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all).toEqual(await dash.client.trace(runId));
  });

  it('batches events: a burst arrives in far fewer messages than events', async () => {
    const socket = dash.connect();
    await connected(socket);
    const batches: TraceEvent[][] = [];
    socket.on('trace:events', (batch: TraceBatch) => batches.push(batch.events));
    await request(socket, 'subscribe:trace');
    await dash.client.execute('burst', { n: 200 });
    await expect.poll(() => batches.flat().at(-1)?.type).toBe('run.succeeded');
    const count = batches.flat().length;
    expect(count).toBeGreaterThan(600);
    expect(batches.length).toBeLessThan(count / 20);
  });

  it('resumes after a reconnect from the last seq with exactly the missed events', async () => {
    const first = dash.connect();
    await connected(first);
    const { runId } = await dash.client.start('gated', { key: 'k2' });
    await expect.poll(() => gates.has('k2')).toBe(true);
    const before = await request<RunSubscription>(first, 'subscribe:run', { runId });
    const lastSeq = before.events.at(-1)!.seq;
    first.disconnect();

    gates.get('k2')!();
    await expect.poll(async () => (await dash.client.getRun(runId)).status).toBe('succeeded');

    const second = dash.connect();
    await connected(second);
    const resumed = await request<RunSubscription>(second, 'subscribe:run', { runId, afterSeq: lastSeq });
    expect(resumed.snapshot).toBeUndefined();
    expect(resumed.events[0].seq).toBe(lastSeq + 1);
    expect([...before.events, ...resumed.events]).toEqual(await dash.client.trace(runId));
  });

  it('sends the run list, then upserts for started and finished runs', async () => {
    await dash.client.execute('quick', {});
    const socket = dash.connect();
    await connected(socket);
    const updates: RunsUpdate[] = [];
    socket.on('runs:update', (update: RunsUpdate) => updates.push(update));
    const page = await request<RunsSnapshot>(socket, 'subscribe:runs', { workflow: 'quick' });
    expect(page.runs).toHaveLength(1);
    const { runId } = await dash.client.start('quick', {});
    await dash.client.execute('burst', { n: 1 });
    await expect
      .poll(() => updates.flatMap((u) => u.runs).find((r) => r.runId === runId && r.status === 'succeeded'))
      .toBeTruthy();
    expect(updates.flatMap((u) => u.runs).every((r) => r.workflow === 'quick')).toBe(true);
  });

  it('filters live run-list updates by search, status and time, keeping the total current', async () => {
    const marker = `m${Date.now().toString(36)}`;
    await dash.client.execute('quick', { tag: `${marker}-old` });
    const socket = dash.connect();
    await connected(socket);
    const updates: RunsUpdate[] = [];
    socket.on('runs:update', (update: RunsUpdate) => updates.push(update));
    const query = { search: marker.toUpperCase(), status: 'succeeded' as const, from: Date.now() - 60_000 };
    const page = await request<RunsSnapshot>(socket, 'subscribe:runs', query);
    expect(page).toMatchObject({ total: 1, runs: [{ input: `{"tag":"${marker}-old"}` }] });
    const matching = await dash.client.start('quick', { tag: `${marker}-new` });
    await dash.client.execute('quick', { tag: 'someone else' });
    await matching.result();
    await expect.poll(() => updates.at(-1)?.total).toBe(2);
    const runs = updates.flatMap((u) => u.runs);
    expect(runs.every((r) => r.input?.includes(marker))).toBe(true);
    expect(runs.filter((r) => r.status === 'succeeded').map((r) => r.runId)).toEqual([matching.runId]);
    expect((await dash.client.listRuns(query)).total).toBe(2);
  });

  it('reports an unknown run in the acknowledgement', async () => {
    const socket = dash.connect();
    await connected(socket);
    const reply = await request<{ error: { code: string } }>(socket, 'subscribe:run', { runId: 'missing' });
    expect(reply.error.code).toBe('RUN_NOT_FOUND');
  });
});

describe('dashboard gateway under load', () => {
  it('streams 1 000 runs to a connected client without a lost or duplicated event', async () => {
    const dash = await startDashboardApp();
    try {
      const socket = dash.connect();
      await connected(socket);
      const received: TraceEvent[] = [];
      let lost = 0;
      socket.on('trace:events', (batch: TraceBatch) => {
        received.push(...batch.events);
        lost += batch.lost ?? 0;
      });
      await request(socket, 'subscribe:trace');
      const handles = await Promise.all(Array.from({ length: 1_000 }, () => dash.client.start('quick', {})));
      await Promise.all(handles.map((h) => h.result()));
      const expected = (await Promise.all(handles.map((h) => dash.client.trace(h.runId)))).flat();
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(expected.length);
      expect(lost).toBe(0);
      const byRun = new Map<string, number[]>();
      for (const event of received) byRun.set(event.runId, [...(byRun.get(event.runId) ?? []), event.seq]);
      expect(byRun.size).toBe(1_000);
      for (const [runId, seqs] of byRun) {
        const want = (await dash.client.trace(runId)).map((e) => e.seq);
        expect(seqs).toEqual(want);
      }
    } finally {
      await dash.close();
    }
  });

  it('sends a fresh snapshot instead of the backlog to a client that falls too far behind', async () => {
    const dash = await startDashboardApp({ maxBufferedEvents: 20 });
    try {
      const socket = dash.connect();
      await connected(socket);
      const { runId } = await dash.client.start('gatedBurst', { key: 'burst' });
      await expect.poll(() => gates.has('burst')).toBe(true);
      let view: TraceEvent[] = [];
      let snapshots = 0;
      socket.on('run:snapshot', (s: RunSubscription) => {
        snapshots++;
        view = [...s.events];
      });
      socket.on('run:events', (batch: RunEvents) =>
        view.push(...batch.events.filter((e) => e.seq > (view.at(-1)?.seq ?? 0))),
      );
      view = (await request<RunSubscription>(socket, 'subscribe:run', { runId })).events;
      gates.get('burst')!();
      await expect.poll(async () => (await dash.client.getRun(runId)).status).toBe('succeeded');
      const trace = await dash.client.trace(runId);
      await expect.poll(() => view.length).toBe(trace.length);
      expect(snapshots).toBeGreaterThanOrEqual(1);
      expect(view).toEqual(trace);
    } finally {
      await dash.close();
    }
  });
});
