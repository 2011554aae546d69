import { afterAll, describe, expect, inject, it } from 'vitest';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import { awaitingApproval, SAMPLE_TICKETS, type Reply } from '@baton/example-support-ticket';
import { Cluster, pidOf, sigkill, within } from './cluster.js';

describe('a wait on Bull survives every worker process being killed', () => {
  let cluster: Cluster | undefined;
  afterAll(async () => {
    await cluster?.close();
  });

  it('a refund waiting for approval outlives SIGKILL of all workers; new workers finish it once the API process signals', async () => {
    cluster = new Cluster(inject('redisUrl'));
    const before = await Promise.all([cluster.worker(), cluster.worker()]);
    const client = await cluster.open();
    const handle = await client.start<Reply>('support-ticket', SAMPLE_TICKETS.largeRefund);
    expect(await awaitingApproval(client, handle.runId, 20_000)).toBe(true);

    // The wait is Redis state plus a delayed Bull job for its 24 h timeout: no process holds it.
    const queue = cluster.api!.get<Bull.Queue>(getQueueToken('baton'));
    const delayed = (await queue.getDelayed()).map((job) => job.data as unknown);
    expect(delayed).toContainEqual(expect.objectContaining({ runId: handle.runId, step: 'approval' }));
    await Promise.all(before.map((worker) => sigkill(worker)));
    const orphaned = await client.getRun(handle.runId);
    expect(orphaned.status).toBe('running');
    expect(orphaned.steps.approval).toMatchObject({ status: 'waiting', waitingFor: { signal: 'approval' } });

    const after = await Promise.all([cluster.worker(), cluster.worker()]);
    await expect(client.signal(handle.runId, 'approval', { decision: 'approve' })).resolves.toBe(handle.runId);
    const reply = await within(20_000, handle.result(), 'the approved run to finish');

    const run = await client.getRun(handle.runId);
    expect(run.status).toBe('succeeded');
    expect(reply).toEqual(run.steps.draft.output);
    expect(reply).toMatchObject({
      to: 'ada@acme.example',
      agent: 'billing',
      body: expect.stringContaining('Customer asks for money back.') as string,
    });
    expect(run.steps.approval).toMatchObject({ status: 'succeeded', attempts: 1, received: { decision: 'approve' } });

    const trace = await client.trace(handle.runId);
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
    expect(trace.filter((e) => e.type === 'signal.received')).toHaveLength(1);
    const approval = trace.filter((e) => e.step === 'approval');
    expect(approval.filter((e) => e.type === 'step.succeeded')).toHaveLength(1);
    expect(approval.map((e) => e.type)).toEqual(['step.waiting', 'step.scheduled', 'step.started', 'step.succeeded']);
    const signalled = trace.find((e) => e.type === 'signal.received')!;
    expect(signalled.seq).toBeGreaterThan(approval[0].seq);
    expect(signalled.seq).toBeLessThan(approval[1].seq);
    // The draft ran on a worker that was killed; the approval and the send on the new ones.
    const startedOn = (step: string) => pidOf(trace.find((e) => e.step === step && e.type === 'step.started')!);
    expect(before.map((w) => w.pid)).toContain(startedOn('draft'));
    expect(after.map((w) => w.pid)).toContain(startedOn('approval'));
    expect(after.map((w) => w.pid)).toContain(startedOn('send'));
  });
});
