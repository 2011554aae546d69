import 'reflect-metadata';
import { InputValidationError, RunNotRunningError, UnknownSignalError } from '@baton/sdk';
import type { TraceEvent } from '@baton/runtime';
import { createTestingRuntime } from '@baton/runtime/testing';
import { firstValueFrom, take, timeout, toArray } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { APPROVAL_THRESHOLD_EUR, APPROVAL_TIMEOUT_MS } from '../src/agents/approval.agent.js';
import { WORDS_PER_CHUNK } from '../src/agents/drafting.agent.js';
import type { Reply } from '../src/agents/ticket.types.js';
import { awaitingApproval } from '../src/awaiting-approval.js';
import { SAMPLE_TICKETS } from '../src/sample-tickets.js';
import { SUPPORT_TICKET_PROVIDERS } from '../src/support-ticket.module.js';
import { SupportTicketWorkflow } from '../src/support-ticket.workflow.js';
import { OutboxService } from '../src/services/outbox.service.js';
import type { TicketInput } from '../src/ticket.input.js';
import { bootApp, LARGE_REFUND_DRAFT as DRAFTED, type BootedApp } from './support-ticket.harness.js';

const LARGE_REFUND = SAMPLE_TICKETS.largeRefund;

const COMMENT = 'Refunds over 1,000 EUR need the signed form we emailed you.';

describe('support-ticket: billing replies over the threshold wait for a supervisor', () => {
  let app: BootedApp | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
    vi.useRealTimers();
  });

  /** Boots the real AppModule and starts the large refund; resolves once its approval step is waiting. */
  async function startWaiting(): Promise<{ booted: BootedApp; runId: string; result: () => Promise<Reply> }> {
    const booted = (app = await bootApp());
    const handle = await booted.client.start<Reply>('support-ticket', LARGE_REFUND);
    expect(await awaitingApproval(booted.client, handle.runId)).toBe(true);
    return { booted, runId: handle.runId, result: handle.result };
  }

  it('waits holding no worker, then sends the drafted reply once approved; the trace shows the wait, then the signal', async () => {
    const { booted, runId, result } = await startWaiting();
    const { client } = booted;
    const waiting = await client.getRun(runId);
    expect(waiting.status).toBe('running');
    expect(waiting.waiting).toBe(1);
    expect(waiting.steps.needsApproval.output).toBe('approval');
    expect(waiting.steps.draft.output).toEqual(DRAFTED);
    expect(waiting.steps.approval).toMatchObject({ status: 'waiting', attempts: 0 });
    expect(waiting.steps.send).toMatchObject({ status: 'pending', attempts: 0 });
    const waited = booted.traceOf(runId).find((e) => e.type === 'step.waiting')!;
    expect(waiting.steps.approval.waitingFor).toEqual({ signal: 'approval', until: waited.ts + APPROVAL_TIMEOUT_MS });

    await expect(client.signal(runId, 'approval', { decision: 'approve' })).resolves.toBe(runId);
    expect(await result()).toEqual(DRAFTED);

    const run = await client.getRun(runId);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual(DRAFTED);
    expect(run.steps.approval).toMatchObject({ status: 'succeeded', attempts: 1, received: { decision: 'approve' } });
    expect(run.steps.send).toMatchObject({ status: 'succeeded', attempts: 1, output: DRAFTED });
    expect(booted.module.get(OutboxService).sent()).toEqual([DRAFTED]);

    // step.waiting, then signal.received, and only then is the step scheduled and run (once).
    const trace = booted.traceOf(runId);
    const story = trace
      .filter((e) => e.step === 'approval' || e.type === 'signal.received')
      .map((e) => (e.type === 'signal.received' ? [e.type, e.data.signal, e.data.step] : [e.type]));
    expect(story).toEqual([
      ['step.waiting'],
      ['signal.received', 'approval', 'approval'],
      ['step.scheduled'],
      ['step.started'],
      ['step.succeeded'],
    ]);
    expect(trace.find((e) => e.type === 'signal.received')?.data).toMatchObject({ payload: { decision: 'approve' } });
    expect(await booted.storedTraceOf(runId)).toEqual(trace);
  });

  it('sends a polite refusal quoting the comment when rejected', async () => {
    const { booted, runId, result } = await startWaiting();
    await booted.client.signal(runId, 'approval', { decision: 'reject', comment: COMMENT });
    const reply = await result();

    expect(reply).toEqual({
      ...DRAFTED,
      body: `Hi Ada (enterprise plan), Thank you for your patience. We looked at your request carefully and are sorry that we cannot approve it. A note from our team: "${COMMENT}" If anything is unclear, just reply to this message.`,
    });
    const run = await booted.client.getRun(runId);
    expect(run.steps.approval).toMatchObject({ status: 'succeeded', output: reply });
    expect(booted.module.get(OutboxService).sent()).toEqual([reply]);
  });

  it('refuses an invalid approval with InputValidationError and changes nothing', async () => {
    const { booted, runId, result } = await startWaiting();
    const { client } = booted;
    const before = await client.getRun(runId);
    const traceBefore = await booted.storedTraceOf(runId);

    const invalid: Array<[unknown, string]> = [
      [{ decision: 'maybe' }, 'decision'],
      [{}, 'decision'],
      [{ decision: 'approve', comment: 'x'.repeat(501) }, 'comment'],
      [{ decision: 'reject', comment: 42 }, 'comment'],
    ];
    for (const [payload, path] of invalid) {
      const error = await client.signal(runId, 'approval', payload).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect(new Set((error as InputValidationError).violations.map((v) => v.path))).toEqual(new Set([path]));
    }
    const unknown = await client.signal(runId, 'approve', { decision: 'approve' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownSignalError);
    expect(unknown).toMatchObject({ code: 'UNKNOWN_SIGNAL', known: ['approval'] });

    expect(await client.getRun(runId)).toEqual(before);
    expect(await booted.storedTraceOf(runId)).toEqual(traceBefore);
    expect(booted.module.get(OutboxService).sent()).toEqual([]);

    // The wait is intact: a valid approval still goes through.
    await client.signal(runId, 'approval', { decision: 'approve', comment: 'x'.repeat(500) });
    expect(await result()).toEqual(DRAFTED);
  });

  it('escalates to a human when nobody answers within 24 h (createTestingRuntime and fake timers)', async () => {
    vi.useFakeTimers();
    const runtime = await createTestingRuntime({
      workflows: [SupportTicketWorkflow],
      providers: SUPPORT_TICKET_PROVIDERS.filter((provider) => provider !== SupportTicketWorkflow),
    });
    try {
      const { client } = runtime;
      const trace: TraceEvent[] = [];
      const subscription = client.events().subscribe((event) => trace.push(event));
      const { runId, result } = await client.start<Reply>('support-ticket', LARGE_REFUND);
      await runtime.waiting(runId, 'approval');

      await vi.advanceTimersByTimeAsync(APPROVAL_TIMEOUT_MS - 1);
      expect((await client.getRun(runId)).steps.approval.status).toBe('waiting');
      await vi.advanceTimersByTimeAsync(1);
      const reply = await result();
      const run = await runtime.settled(runId);
      subscription.unsubscribe();

      expect(run.status).toBe('succeeded');
      expect(run.steps.approval).toMatchObject({
        status: 'recovered',
        attempts: 0,
        error: { name: 'SignalTimeoutError', code: 'SIGNAL_TIMEOUT' },
      });
      expect(reply).toEqual({
        ...DRAFTED,
        body: 'Hi Ada (enterprise plan), Thank you for your patience. Your request needs a closer look, so we have escalated it to a member of our team, who will get back to you personally within one business day.',
      });
      const approvalEvents = trace.filter((e) => e.runId === runId && e.step === 'approval');
      expect(approvalEvents.map((e) => e.type)).toEqual(['step.waiting', 'step.scheduled', 'step.recovered']);
      expect(approvalEvents[2].ts - approvalEvents[0].ts).toBe(APPROVAL_TIMEOUT_MS);
      expect(trace.some((e) => e.type === 'signal.received')).toBe(false);
      await expect(runtime.signal(runId, 'approval', { decision: 'approve' })).rejects.toBeInstanceOf(
        RunNotRunningError,
      );
    } finally {
      await runtime.close();
    }
  });

  it('does not wait for small billing tickets, billing tickets without an amount, or bug reports', async () => {
    const { client, traceOf } = (app = await bootApp());
    const tickets: TicketInput[] = [
      { ...LARGE_REFUND, amount: APPROVAL_THRESHOLD_EUR },
      { ...LARGE_REFUND, amount: 40 },
      SAMPLE_TICKETS.billing,
      { ...SAMPLE_TICKETS.bug, amount: 5_000 },
    ];
    for (const ticket of tickets) {
      const handle = await client.start<Reply>('support-ticket', ticket);
      const reply = await handle.result();
      const run = await client.getRun(handle.runId);
      expect(run.steps.needsApproval.output).toEqual([]);
      expect(run.steps.approval).toMatchObject({ status: 'skipped', skipReason: 'route', attempts: 0 });
      expect(run.steps.send).toMatchObject({ status: 'succeeded', output: run.steps.draft.output });
      expect(reply).toEqual(run.steps.draft.output);
      expect(traceOf(handle.runId).some((e) => e.type === 'step.waiting')).toBe(false);
    }
  });

  it('refuses a negative or non-numeric amount before anything starts', async () => {
    const { client } = (app = await bootApp());
    for (const amount of [-1, 'lots', Number.NaN]) {
      const error = await client.start('support-ticket', { ...LARGE_REFUND, amount }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputValidationError);
      expect((error as InputValidationError).violations.map((v) => v.path)).toContain('amount');
    }
    expect((await client.listRuns({})).runs).toEqual([]);
  });

  it('streams the draft a few words at a time through client.progress(runId), to followers who come late too', async () => {
    const { booted, runId } = await startWaiting();
    const words = DRAFTED.body.split(' ');
    const chunks = Math.ceil(words.length / WORDS_PER_CHUNK);
    const events = await firstValueFrom(booted.client.progress(runId).pipe(take(chunks), toArray(), timeout(2_000)));

    expect(events.every((e) => e.runId === runId && e.step === 'draft')).toBe(true);
    expect(events.map((e) => e.data)).toEqual(
      Array.from({ length: chunks }, (_, i) => ({ text: words.slice(0, (i + 1) * WORDS_PER_CHUNK).join(' ') })),
    );
    expect(events.at(-1)?.data).toEqual({ text: DRAFTED.body });
    // Ephemeral: progress is not part of the trace.
    expect(booted.traceOf(runId).some((e) => (e.type as string) === 'step.progress')).toBe(false);
    await booted.client.signal(runId, 'approval', { decision: 'approve' });
  });
});
