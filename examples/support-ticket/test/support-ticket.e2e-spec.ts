import 'reflect-metadata';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../src/agents/ticket.types.js';
import { SAFE_DEFAULT_REPLY } from '../src/agents/drafting.agent.js';
import { SAMPLE_TICKETS } from '../src/sample-tickets.js';
import { CrmService, HANGING_CUSTOMERS } from '../src/services/crm.service.js';
import { KnowledgeBaseService } from '../src/services/knowledge-base.service.js';
import {
  bootApp,
  driveUntil,
  driveUntilSettled,
  projectRun,
  rendezvous,
  statuses,
  type BootedApp,
  type ServiceFakes,
} from './support-ticket.harness.js';

const BILLING_REPLY: Reply = {
  to: 'ada@acme.example',
  subject: 'Re: Refund please',
  body: 'Hi Ada (enterprise plan), Customer asks for money back. These articles may help: How refunds work.',
  agent: 'billing',
  articles: ['How refunds work'],
};

const BUG_REPLY: Reply = {
  to: 'bob@startup.example',
  subject: 'Re: App crashes',
  body: 'Hi Bob (pro plan), Customer reports a severe malfunction. These articles may help: The app crashes on start.',
  agent: 'bug',
  articles: ['The app crashes on start'],
};

/** The trace events that tell an attempt's story (scheduling and logs left out). */
const ATTEMPT_EVENTS = new Set(['step.started', 'step.retrying', 'step.succeeded', 'step.failed', 'step.recovered']);

describe('support-ticket (end to end through the real AppModule)', () => {
  let app: BootedApp | undefined;

  async function boot(fakes?: ServiceFakes): Promise<BootedApp> {
    app = await bootApp(fakes);
    return app;
  }

  afterEach(async () => {
    await app?.close();
    app = undefined;
    vi.useRealTimers();
  });

  it('routes a billing ticket to billingAgent and skips bugAgent', async () => {
    const { client } = await boot();
    const handle = await client.start<Reply>('support-ticket', SAMPLE_TICKETS.billing);
    const reply = await handle.result();
    const run = await client.getRun(handle.runId);

    expect(reply).toEqual(BILLING_REPLY);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual(BILLING_REPLY);
    expect(run.steps.billingAgent).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      output: { agent: 'billing', priority: 'high' },
    });
    expect(run.steps.bugAgent).toMatchObject({ status: 'skipped', skipReason: 'route', attempts: 0 });
    expect(run.steps.route?.output).toBe('billingAgent');
  });

  it('routes a bug ticket to bugAgent and skips billingAgent', async () => {
    const { client } = await boot();
    const handle = await client.start<Reply>('support-ticket', SAMPLE_TICKETS.bug);
    const reply = await handle.result();
    const run = await client.getRun(handle.runId);

    expect(reply).toEqual(BUG_REPLY);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual(BUG_REPLY);
    expect(run.steps.bugAgent).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      output: { agent: 'bug', priority: 'high' },
    });
    expect(run.steps.billingAgent).toMatchObject({ status: 'skipped', skipReason: 'route', attempts: 0 });
    expect(run.steps.route?.output).toBe('bugAgent');
  });

  it('runs accountLookup and kbSearch at the same time', async () => {
    // Each fake waits until the other step has started too; if the runtime ran them one after the other,
    // the first would give up after 750 ms (well inside accountLookup's 2 s timeout) and the run would differ.
    const meeting = rendezvous(['accountLookup', 'kbSearch'], 750);
    const crm = new CrmService();
    const kb = new KnowledgeBaseService();
    const { client } = await boot({
      crm: { lookup: async (email, signal) => (await meeting.arrive('accountLookup'), crm.lookup(email, signal)) },
      kb: { search: async (text) => (await meeting.arrive('kbSearch'), kb.search(text)) },
    });

    const handle = await client.start<Reply>('support-ticket', SAMPLE_TICKETS.billing);
    const reply = await handle.result();
    const snapshot = await client.getRun(handle.runId);

    expect(meeting.waitedInVain, 'steps that waited in vain for the other to start').toEqual([]);
    expect([...meeting.arrived].sort()).toEqual(['accountLookup', 'kbSearch']);
    expect(reply).toEqual(BILLING_REPLY);
    expect(snapshot.steps.accountLookup).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(snapshot.steps.kbSearch).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('times out a hanging lookup, retries it once, then falls back to the safe default reply', async () => {
    expect(HANGING_CUSTOMERS.has(SAMPLE_TICKETS.hangingLookup.customerEmail)).toBe(true);
    vi.useFakeTimers();
    const booted = await boot();
    const handle = await booted.client.start<Reply>('support-ticket', SAMPLE_TICKETS.hangingLookup);
    const [run] = await driveUntilSettled(booted.client, [handle.runId]);
    const reply = await handle.result();

    expect(run.status).toBe('succeeded');
    expect(run.steps.accountLookup).toMatchObject({
      status: 'recovered',
      attempts: 2,
      output: { account: null },
      error: { name: 'StepTimeoutError' },
    });
    expect(reply.body).toContain(SAFE_DEFAULT_REPLY);
    expect(reply).toEqual({
      to: 'slow@hang.example',
      subject: 'Re: Lost data',
      body: `Hi, ${SAFE_DEFAULT_REPLY}`,
      agent: 'bug',
      articles: ['Recovering lost data'],
    });

    const trace = booted.traceOf(handle.runId);
    expect(trace.map((e) => e.seq)).toEqual(trace.map((_e, i) => i + 1));
    expect(await booted.storedTraceOf(handle.runId)).toEqual(trace);

    const lookup = trace.filter((e) => e.step === 'accountLookup' && ATTEMPT_EVENTS.has(e.type));
    expect(lookup.map((e) => [e.type, e.attempt])).toEqual([
      ['step.started', 1],
      ['step.retrying', 1],
      ['step.started', 2],
      ['step.recovered', 2],
    ]);
    expect(lookup[1].data).toMatchObject({ error: { name: 'StepTimeoutError' }, delayMs: 200 });
    // On the fake clock: 2 s timeout, 200 ms retry delay, 2 s timeout again.
    const t0 = lookup[0].ts;
    expect(lookup.map((e) => e.ts - t0)).toEqual([0, 2_000, 2_200, 4_200]);
    expect(trace.at(-1)).toMatchObject({ type: 'run.succeeded' });
  });

  it('gives the same statuses, attempts and outputs for 100 runs of one ticket', async () => {
    const { client } = await boot();
    const handles = await Promise.all(
      Array.from({ length: 100 }, () => client.start<Reply>('support-ticket', SAMPLE_TICKETS.billing)),
    );
    const replies = await Promise.all(handles.map((h) => h.result()));
    const runs = await Promise.all(handles.map((h) => client.getRun(h.runId)));

    expect(new Set(runs.map((r) => r.runId)).size).toBe(100);
    expect(statuses(runs[0])).toEqual({
      classify: 'succeeded',
      route: 'succeeded',
      billingAgent: 'succeeded',
      bugAgent: 'skipped',
      accountLookup: 'succeeded',
      kbSearch: 'succeeded',
      draft: 'succeeded',
      needsApproval: 'succeeded',
      approval: 'skipped',
      send: 'succeeded',
    });
    const first = projectRun(runs[0]);
    for (const run of runs) expect(projectRun(run)).toEqual(first);
    for (const reply of replies) expect(reply).toEqual(BILLING_REPLY);
  });

  it('takes the sample script’s six tickets down their expected paths (the large refund approved, the unreadable one failed)', async () => {
    vi.useFakeTimers();
    const { client } = await boot();
    const labels = Object.keys(SAMPLE_TICKETS);
    expect([...labels].sort()).toEqual([
      'billing',
      'bug',
      'hangingLookup',
      'largeRefund',
      'unknownCustomer',
      'unreadable',
    ]);
    const handles = await Promise.all(
      labels.map((label) => client.start<Reply>('support-ticket', SAMPLE_TICKETS[label])),
    );
    const refund = handles[labels.indexOf('largeRefund')];
    await driveUntil(async () => (await client.getRun(refund.runId)).steps.approval.status === 'waiting');
    await client.signal(refund.runId, 'approval', { decision: 'approve' });
    const runs = await driveUntilSettled(
      client,
      handles.map((h) => h.runId),
    );
    const byLabel = Object.fromEntries(labels.map((label, i) => [label, runs[i]]));
    const replies = Object.fromEntries(
      await Promise.all(
        labels
          .filter((l) => l !== 'unreadable')
          .map(async (label) => {
            return [label, await handles[labels.indexOf(label)].result()] as const;
          }),
      ),
    );

    for (const run of runs) expect(run.status).toBe(run === byLabel.unreadable ? 'failed' : 'succeeded');
    expect(byLabel.unreadable.steps.classify).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: { name: 'NonRetryableError', code: 'NON_RETRYABLE' },
    });
    expect(byLabel.unreadable.error?.message).toContain('no words to classify');
    expect(byLabel.unreadable.steps.send.status).not.toBe('succeeded');

    expect(replies.billing).toEqual(BILLING_REPLY);
    expect(statuses(byLabel.billing)).toMatchObject({
      billingAgent: 'succeeded',
      bugAgent: 'skipped',
      accountLookup: 'succeeded',
    });

    expect(replies.bug).toEqual(BUG_REPLY);
    expect(statuses(byLabel.bug)).toMatchObject({
      billingAgent: 'skipped',
      bugAgent: 'succeeded',
      accountLookup: 'succeeded',
    });

    expect(byLabel.unknownCustomer.steps.accountLookup).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      output: { account: null },
    });
    expect(statuses(byLabel.unknownCustomer)).toMatchObject({ billingAgent: 'succeeded', bugAgent: 'skipped' });
    expect(replies.unknownCustomer).toEqual({
      to: 'new@nowhere.example',
      subject: 'Re: Invoice question',
      body: `Hi, ${SAFE_DEFAULT_REPLY}`,
      agent: 'billing',
      articles: ['Reading your invoice'],
    });

    expect(byLabel.hangingLookup.steps.accountLookup).toMatchObject({
      status: 'recovered',
      attempts: 2,
      error: { name: 'StepTimeoutError' },
    });
    expect(statuses(byLabel.hangingLookup)).toMatchObject({ billingAgent: 'skipped', bugAgent: 'succeeded' });
    expect(replies.hangingLookup.body).toBe(`Hi, ${SAFE_DEFAULT_REPLY}`);

    for (const label of labels.filter((l) => l !== 'largeRefund' && l !== 'unreadable'))
      expect(byLabel[label].steps.approval).toMatchObject({ status: 'skipped', skipReason: 'route' });
    expect(byLabel.largeRefund.steps.approval).toMatchObject({
      status: 'succeeded',
      received: { decision: 'approve' },
    });
    expect(replies.largeRefund).toEqual(byLabel.largeRefund.steps.draft.output);
  });
});
