import type { ErrorInfo, StepSnapshot, WaitingFor } from '@baton/runtime';
import type { StepNode, WorkflowGraph } from '@baton/sdk';
import { loopPass, type LoopPass } from './loops.js';
import type { AttemptView } from './run-attempts.js';
import type { StepTrace } from './step-trace.js';
import type { StepState } from './states.js';
import { maxUsage, type UsageTotals } from './usage.js';

/** One `step.log` line. */
export interface LogLine {
  seq: number;
  ts: number;
  step: string;
  index?: number;
  message: string;
  data?: unknown;
}

/** A step as the run page shows it. */
export interface StepView {
  name: string;
  node?: StepNode;
  state: StepState;
  /** Attempts started in the current loop pass (every pass outside loops). */
  attempts: number;
  startedAt?: number;
  endedAt?: number;
  /** Whether the step has an output to show (a value, possibly `undefined` or a cut preview). */
  hasOutput: boolean;
  output?: unknown;
  error?: ErrorInfo;
  skipReason?: string;
  /** For a forEach step: how many items, once known. */
  items?: number;
  /** For a step in a loop body: its current pass out of the loop's cap. */
  pass?: LoopPass;
  /** What the step reported with `ctx.usage`, over all its attempts, items and passes. */
  usage?: UsageTotals;
  /** Kept from the original run by a rerun (it did not run again). */
  reused: boolean;
  /** While `waiting`: what for (a signal or a delay) and until when. */
  waitingFor?: WaitingFor;
  /** For a `@WaitFor` step that took its signal: the payload (its `ctx.received`). */
  received?: { value: unknown };
  attemptList: AttemptView[];
  logs: LogLine[];
}

/** What {@link stepView} combines for one step. */
export interface StepSources {
  name: string;
  graph?: WorkflowGraph;
  node?: StepNode;
  snap?: StepSnapshot;
  trace?: StepTrace;
  /** The snapshot is of an ended run (re-read after the end), so it is the freshest source. */
  snapshotFinal: boolean;
  reused: boolean;
  /** The payload the trace shows the step took, when it took one. */
  received?: { value: unknown };
  attemptList: AttemptView[];
  logs: LogLine[];
}

const rank = (state: StepState | undefined): number =>
  state === undefined || state === 'pending'
    ? 0
    : state === 'waiting' || state === 'running' || state === 'retrying'
      ? 1
      : 2;

const isSuccess = (status: string | undefined): boolean => status === 'succeeded' || status === 'recovered';

/**
 * One step's view: the trace decides its state unless the snapshot is further along. When the two are in
 * different loop passes, only one is read: the trace, unless the snapshot is of the ended run. Usage only
 * grows, so it is the larger of the two, counter by counter. What a waiting step waits for comes from the
 * source its state came from; a received signal from the trace, else the snapshot.
 */
export function stepView(sources: StepSources): StepView {
  const { name, node, snap, trace } = sources;
  const samePass =
    snap?.iteration === undefined || trace?.iteration === undefined || snap.iteration === trace.iteration;
  const snapState: StepState = snap?.status ?? 'pending';
  const traceState = trace?.state;
  const fromSnapshot = samePass
    ? traceState === undefined || rank(snapState) > rank(traceState)
    : sources.snapshotFinal;
  const s = samePass || fromSnapshot ? snap : undefined;
  const t = samePass || !fromSnapshot ? trace : undefined;
  let state: StepState = fromSnapshot ? snapState : (traceState ?? 'pending');
  const snapOutput = s !== undefined && rank(s.status) === 2 && isSuccess(s.status) && 'output' in s;
  const hasOutput = snapOutput || (t?.output.present ?? false);
  const error = state === 'succeeded' ? undefined : fromSnapshot ? (s?.error ?? t?.error) : (t?.error ?? s?.error);
  const skipReason = t?.skipReason ?? s?.skipReason;
  if (state === 'skipped' && skipReason === 'superseded') state = 'superseded';
  // Running when its run ended (cancelled, failed elsewhere, timed out): not a failure of its own.
  if (state === 'failed' && error?.code === 'STEP_ABORTED') state = 'aborted';
  const startedAt = t?.startedAt ?? s?.startedAt;
  const endedAt = rank(state) === 2 ? (t?.endedAt ?? s?.endedAt) : undefined;
  const items = s?.items ?? t?.items;
  const pass = loopPass(
    sources.graph,
    name,
    fromSnapshot ? (s?.iteration ?? t?.iteration) : (t?.iteration ?? s?.iteration),
  );
  const usage = maxUsage(snap?.usage, trace?.usage);
  const waitingFor =
    state !== 'waiting'
      ? undefined
      : fromSnapshot
        ? (s?.waitingFor ?? t?.waitingFor)
        : (t?.waitingFor ?? s?.waitingFor);
  const received = sources.received ?? (snap && 'received' in snap ? { value: snap.received } : undefined);
  return {
    name,
    ...(node && { node }),
    state,
    attempts: Math.max(t?.attempts ?? 0, s?.attempts ?? 0),
    ...(startedAt !== undefined && { startedAt }),
    ...(endedAt !== undefined && { endedAt }),
    hasOutput,
    ...(hasOutput && { output: snapOutput ? s.output : t!.output.value }),
    ...(error && { error }),
    ...((state === 'skipped' || state === 'superseded') && skipReason !== undefined && { skipReason }),
    ...(items !== undefined && { items }),
    ...(pass && { pass }),
    ...(usage && { usage }),
    reused: sources.reused,
    ...(waitingFor && { waitingFor }),
    ...(received && { received }),
    attemptList: sources.attemptList,
    logs: sources.logs,
  };
}
