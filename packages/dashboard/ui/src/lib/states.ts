import type { RunQuery } from '@baton/runtime';

/**
 * The state a step is drawn in: the snapshot's seven statuses (`waiting` included) plus `retrying` (waiting for its next attempt),
 * `superseded` (skipped because a `join: 'any'` went on without it) and `aborted` (failed with `STEP_ABORTED`: it was
 * running when its run ended); the last two are neutral, not failures.
 */
export type StepState =
  | 'pending'
  | 'waiting'
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'recovered'
  | 'failed'
  | 'aborted'
  | 'skipped'
  | 'superseded';

/**
 * How one attempt ended (or `running`); `superseded` when aborted because the run went on without it, `aborted`
 * when the run ended (cancelled, failed elsewhere, timed out, shut down) while it ran.
 */
export type AttemptOutcome =
  'running' | 'succeeded' | 'failed' | 'retrying' | 'timeout' | 'recovered' | 'aborted' | 'superseded';

/** Every step state, in the legend's order, with what it means. */
export const STEP_STATES: readonly { state: StepState; label: string; hint: string }[] = [
  { state: 'pending', label: 'pending', hint: 'waiting for its dependencies' },
  { state: 'waiting', label: 'waiting', hint: 'ready, waiting for a signal or a delay (holds no worker)' },
  { state: 'running', label: 'running', hint: 'an attempt is in progress' },
  { state: 'retrying', label: 'retrying', hint: 'an attempt failed; the next one is scheduled' },
  { state: 'succeeded', label: 'succeeded', hint: 'returned a value' },
  { state: 'recovered', label: 'recovered', hint: 'failed, then its fallback supplied the value' },
  { state: 'failed', label: 'failed', hint: 'failed after its retries and fallback' },
  {
    state: 'aborted',
    label: 'aborted',
    hint: 'was running when its run ended (cancelled, failed elsewhere, timed out)',
  },
  { state: 'skipped', label: 'skipped', hint: 'not run (route not taken, upstream skipped, budget spent, run ended)' },
  { state: 'superseded', label: 'superseded', hint: "a join: 'any' went on without it (aborted if it had started)" },
];

/** Attempt outcomes of the waterfall, in the legend's order. */
export const ATTEMPT_OUTCOMES: readonly { outcome: AttemptOutcome; label: string }[] = [
  { outcome: 'running', label: 'running' },
  { outcome: 'succeeded', label: 'succeeded' },
  { outcome: 'retrying', label: 'failed, retried' },
  { outcome: 'timeout', label: 'timed out' },
  { outcome: 'recovered', label: 'fallback used' },
  { outcome: 'failed', label: 'failed' },
  { outcome: 'aborted', label: 'aborted (run ended)' },
  { outcome: 'superseded', label: 'superseded' },
];

/** Choices of the run list's status filter: the run statuses, and `waiting` (running, with a step waiting). */
export const RUN_FILTER_STATUSES: readonly NonNullable<RunQuery['status']>[] = [
  'running',
  'waiting',
  'succeeded',
  'failed',
  'cancelled',
];
