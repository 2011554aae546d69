import { describe, expect, it } from 'vitest';
import { BatonError, RunNotRunningError, SignalTimeoutError, UnknownSignalError, serializeError } from '../index.js';

describe('UnknownSignalError', () => {
  it('names the workflow, the signal, the names it waits for, the run and the fix, and keeps them as fields', () => {
    const error = new UnknownSignalError('foo', ['approve', 'reject'], { workflow: 'refund', runId: 'r1' });
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toMatchObject({
      name: 'UnknownSignalError',
      code: 'UNKNOWN_SIGNAL',
      signal: 'foo',
      known: ['approve', 'reject'],
      workflow: 'refund',
      runId: 'r1',
    });
    expect(error.message).toBe(
      "Workflow refund waits for no signal 'foo'; it waits for 'approve', 'reject'. " +
        "Send one of those names to run r1, or add @WaitFor('foo') to the step that should receive it.",
    );
    expect(serializeError(error)).toMatchObject({
      code: 'UNKNOWN_SIGNAL',
      details: { signal: 'foo', known: ['approve', 'reject'] },
    });
  });

  it('says so when the workflow waits for no signal at all', () => {
    const error = new UnknownSignalError('go', [], { workflow: 'plain' });
    expect(error.known).toEqual([]);
    expect(error.message).toBe(
      "Workflow plain waits for no signal 'go'; none of its steps has @WaitFor. " +
        "To wait for it, add @WaitFor('go') to the step that should receive it.",
    );
  });
});

describe('RunNotRunningError', () => {
  it('names the run, its status, the refused signal and the fix', () => {
    const error = new RunNotRunningError('succeeded', { runId: 'r1', workflow: 'refund' }, 'approve');
    expect(error).toMatchObject({
      name: 'RunNotRunningError',
      code: 'RUN_NOT_RUNNING',
      status: 'succeeded',
      signal: 'approve',
      runId: 'r1',
      workflow: 'refund',
    });
    expect(error.message).toBe(
      "Run r1 of refund has status 'succeeded' and no longer runs, so it cannot take signal 'approve'. " +
        'Signal a run that is still running, or start a new run.',
    );
    expect(serializeError(error).details).toEqual({ status: 'succeeded', signal: 'approve' });
  });

  it('reads without a workflow or a signal', () => {
    const error = new RunNotRunningError('cancelled', { runId: 'r2' });
    expect(error).not.toHaveProperty('signal');
    expect(error.message).toBe(
      "Run r2 has status 'cancelled' and no longer runs, so it cannot take signals. " +
        'Signal a run that is still running, or start a new run.',
    );
  });
});

describe('SignalTimeoutError', () => {
  it('names the step, the signal, how long it waited and the fix, and keeps them as fields', () => {
    const cause = new Error('timer');
    const error = new SignalTimeoutError('approve', 86_400_000, {
      workflow: 'refund',
      step: 'review',
      runId: 'r1',
      cause,
    });
    expect(error).toMatchObject({
      name: 'SignalTimeoutError',
      code: 'SIGNAL_TIMEOUT',
      signal: 'approve',
      timeoutMs: 86_400_000,
      workflow: 'refund',
      step: 'review',
      runId: 'r1',
    });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      "Step refund.review waited 86400000 ms (24 h) for signal 'approve' without receiving it (run r1). " +
        "Send the signal sooner, raise @WaitFor('approve', { timeout }), or add a @Fallback that decides without it.",
    );
    expect(serializeError(error).details).toEqual({ signal: 'approve', timeoutMs: 86_400_000 });
  });

  it('gives a short timeout in milliseconds only', () => {
    expect(new SignalTimeoutError('go', 500, { workflow: 'w', step: 's' }).message).toMatch(
      /^Step w\.s waited 500 ms for signal 'go' without receiving it\. /,
    );
  });
});
