import Bull from 'bull';
import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  Fallback,
  Parallel,
  Retry,
  Route,
  RunCancelledError,
  SerializationError,
  Step,
  StepFailedError,
  Workflow,
  type StepContext,
} from '@baton/sdk';
import { startBullApp, type BullApp } from './support/bull-app.js';
import { timeline } from './trace.js';

const counts = new Map<string, number>();
const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

@Workflow({ name: 'ticket' })
class TicketWorkflow {
  @Step() classify(ctx: StepContext<{ kind: string }>) {
    return { kind: ctx.input.kind };
  }
  @Route(['billing', 'bug']) route(ctx: StepContext<unknown, { classify: { kind: string } }>) {
    return ctx.results.classify.kind;
  }
  @Step() billing() {
    return 'billing';
  }
  @Step() bug() {
    return 'bug';
  }
  @Parallel()
  @Retry({ attempts: 2, backoff: 'fixed', delay: 50 })
  @Fallback(() => ({ account: null }))
  @Step()
  lookup(ctx: StepContext) {
    bump(`lookup:${ctx.runId}`);
    throw new Error('crm down');
  }
  @Parallel() @Step() search() {
    return ['kb-1'];
  }
  @Step() draft(ctx: StepContext<unknown, { lookup: unknown; search: string[]; billing?: string; bug?: string }>) {
    bump(`draft:${ctx.runId}`);
    return { agent: ctx.results.billing ?? ctx.results.bug, account: ctx.results.lookup, kb: ctx.results.search };
  }
}

const aborted: string[] = [];

@Workflow({ name: 'waiting', timeout: 30_000 })
class WaitingWorkflow {
  @Step() hold(ctx: StepContext) {
    return new Promise((_resolve, reject) =>
      ctx.signal.addEventListener('abort', () => {
        aborted.push(ctx.runId);
        reject(ctx.signal.reason);
      }),
    );
  }
  @Step() never() {
    return 'unreachable';
  }
}

@Workflow({ name: 'bad-output' })
class BadOutputWorkflow {
  @Step() make() {
    return { when: new Map([['a', 1]]) };
  }
}

describe('bull transport (one process)', () => {
  let app: BullApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('runs the support-ticket shape: routing, parallel join once, retry then fallback', async () => {
    app = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow]);
    const { runId, result } = await app.client.start('ticket', { kind: 'bug' });
    await expect(result()).resolves.toEqual({ agent: 'bug', account: { account: null }, kb: ['kb-1'] });
    const run = await app.client.getRun(runId);
    expect(run.steps.billing).toMatchObject({ status: 'skipped', skipReason: 'route' });
    expect(run.steps.lookup).toMatchObject({ status: 'recovered', attempts: 2 });
    expect(counts.get(`lookup:${runId}`)).toBe(2);
    expect(counts.get(`draft:${runId}`)).toBe(1);
    const trace = await app.client.trace(runId);
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_, i) => i + 1));
    expect(timeline(trace, 'lookup')).toEqual([
      'step.scheduled:lookup',
      'step.started:lookup:#1',
      'step.retrying:lookup:#1',
      'step.started:lookup:#2',
      'step.recovered:lookup:#2',
    ]);
  });

  it('fails a step whose output is not JSON with a SerializationError naming it', async () => {
    app = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow]);
    const error = (await app.client.execute('bad-output', {}).catch((e: unknown) => e)) as StepFailedError;
    expect(error).toBeInstanceOf(StepFailedError);
    expect(error.message).toContain('The output of bad-output.make cannot be serialised to JSON: $.when is a Map');
    const run = (await app.client.listRuns({ workflow: 'bad-output' })).runs[0];
    expect((await app.client.getRun(run.runId)).steps.make.error).toMatchObject({ name: 'SerializationError' });
    expect(SerializationError.name).toBe('SerializationError');
  });

  it('ignores a duplicate delivery of a finished step: nothing runs or changes twice', async () => {
    app = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow]);
    const { runId, result } = await app.client.start('ticket', { kind: 'billing' });
    await result();
    const before = await app.client.trace(runId);
    const queue = new Bull('baton', { redis: inject('redisUrl'), prefix: `${app.prefix}:bull` });
    try {
      const job = await queue.add(
        { kind: 'step', runId, workflow: 'ticket', step: 'draft' },
        { jobId: `dup-${runId}` },
      );
      await expect
        .poll(async () => (await queue.getJob(job.id))?.finishedOn ?? (await job.isCompleted()), { timeout: 5_000 })
        .toBeTruthy();
    } finally {
      await queue.close();
    }
    expect(counts.get(`draft:${runId}`)).toBe(1);
    expect(await app.client.trace(runId)).toEqual(before);
  });

  it('cancels a run from another process: the running step is aborted on its worker, pending steps never start', async () => {
    app = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow]);
    const api = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow], {
      worker: false,
      prefix: app.prefix,
    });
    try {
      const { runId, result } = await api.client.start('waiting', {});
      await expect.poll(async () => (await api.client.getRun(runId)).steps.hold.attempts).toBe(1);
      await expect(api.client.cancel(runId, 'no longer needed')).resolves.toBe(true);
      await expect(result()).rejects.toBeInstanceOf(RunCancelledError);
      await expect.poll(() => aborted.includes(runId)).toBe(true);
      const run = await api.client.getRun(runId);
      expect(run.status).toBe('cancelled');
      expect(run.steps.never).toMatchObject({ status: 'skipped', skipReason: 'cancelled' });
    } finally {
      await api.app.close();
    }
  });

  it('enqueues again a step whose job was lost between commit and enqueue, so the run still completes', async () => {
    const api = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow], {
      worker: false,
    });
    const queue = new Bull('baton', { redis: inject('redisUrl'), prefix: `${api.prefix}:bull` });
    try {
      const { runId, result } = await api.client.start('ticket', { kind: 'billing' });
      const job = await queue.getJob(`${runId}:classify`);
      expect(job).not.toBeNull();
      await job!.remove();
      app = await startBullApp(inject('redisUrl'), [TicketWorkflow, BadOutputWorkflow, WaitingWorkflow], {
        prefix: api.prefix,
      });
      await expect(result()).resolves.toMatchObject({ agent: 'billing' });
      expect((await api.client.getRun(runId)).steps.classify).toMatchObject({ status: 'succeeded', attempts: 1 });
    } finally {
      await queue.close();
      await api.app.close();
    }
  });
});
