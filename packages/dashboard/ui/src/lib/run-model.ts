import type { ErrorInfo, RunSnapshot, RunStatus, StepSnapshot, TraceEvent } from '@baton/runtime';
import type { StepNode, WorkflowGraph } from '@baton/sdk';
import { deriveAttempts, type AttemptView } from './run-attempts.js';
import { childRunId, eventError, field, reusedSteps, stringField } from './event-data.js';
import { deriveStepTraces, type StepTrace } from './step-trace.js';
import type { StepState } from './states.js';

export type { AttemptView } from './run-attempts.js';

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
  /** Kept from the original run by a rerun (it did not run again). */
  reused: boolean;
  attemptList: AttemptView[];
  logs: LogLine[];
}

/** Everything the run page renders, derived from a snapshot, the graph and the trace. */
export interface RunModel {
  runId: string;
  workflow: string;
  status: RunStatus;
  input: unknown;
  hasOutput: boolean;
  output?: unknown;
  error?: ErrorInfo;
  startedAt: number;
  endedAt?: number;
  parentRunId?: string;
  rerunOf?: string;
  /** Child runs announced by `step.log` events carrying `data.childRunId`. */
  children: { runId: string; step: string }[];
  /** Step names in graph (declaration) order. */
  order: string[];
  steps: Record<string, StepView>;
  /** Every attempt in start order. */
  attempts: AttemptView[];
  logs: LogLine[];
  lastSeq: number;
}

const TERMINAL_RUN: Partial<Record<TraceEvent['type'], RunStatus>> = {
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

const rank = (state: StepState | undefined): number =>
  state === undefined || state === 'pending' ? 0 : state === 'running' || state === 'retrying' ? 1 : 2;

function isSuccess(status: string | undefined): boolean {
  return status === 'succeeded' || status === 'recovered';
}

/**
 * Builds the run view. The trace decides each step's state (it is at least as fresh as the snapshot
 * it came with); the snapshot fills in what the trace lacks (steps a rerun kept, full-size outputs) and
 * wins when it is further along (a snapshot re-read over REST after the run ended).
 */
export function buildRunModel(input: {
  snapshot?: RunSnapshot;
  graph?: WorkflowGraph;
  events: readonly TraceEvent[];
}): RunModel | undefined {
  const { snapshot, graph, events } = input;
  const started = events.find((e) => e.type === 'run.started');
  if (!snapshot && !started) return undefined;

  const traces = deriveStepTraces(events);
  const attempts = deriveAttempts(events);
  const logs: LogLine[] = [];
  const children: { runId: string; step: string }[] = [];
  let ended: TraceEvent | undefined;
  for (const event of events) {
    if (TERMINAL_RUN[event.type]) ended = event;
    if (event.type === 'step.log' && event.step !== undefined) {
      const data = field(event, 'data');
      logs.push({
        seq: event.seq,
        ts: event.ts,
        step: event.step,
        ...(event.index !== undefined && { index: event.index }),
        message: stringField(event, 'message') ?? (data.present ? '(payload cut)' : ''),
        ...(data.present && { data: data.value }),
      });
      const child = childRunId(event);
      if (child && !children.some((c) => c.runId === child)) children.push({ runId: child, step: event.step });
    }
  }

  const reused = new Set(started ? reusedSteps(started) : []);
  const nodes = new Map((graph?.steps ?? []).map((n) => [n.name, n]));
  const order = [...nodes.keys()];
  for (const name of Object.keys(snapshot?.steps ?? {})) if (!nodes.has(name)) order.push(name);
  for (const name of traces.keys()) if (!order.includes(name)) order.push(name);

  const attemptsOf = groupBy(attempts, (a) => a.step);
  const logsOf = groupBy(logs, (l) => l.step);
  const steps: Record<string, StepView> = {};
  for (const name of order) {
    const trace = traces.get(name);
    steps[name] = stepView(
      name,
      nodes.get(name),
      snapshot?.steps[name],
      trace,
      reused.has(name),
      attemptsOf.get(name) ?? [],
      logsOf.get(name) ?? [],
    );
  }

  const endedStatus = ended ? TERMINAL_RUN[ended.type] : undefined;
  const status: RunStatus = endedStatus ?? snapshot?.status ?? 'running';
  const snapshotFinal = snapshot !== undefined && snapshot.status !== 'running';
  const runOutput = ended?.type === 'run.succeeded' ? field(ended, 'output') : { present: false, value: undefined };
  const hasOutput = (snapshotFinal && snapshot.status === 'succeeded') || runOutput.present;
  const error =
    (snapshotFinal ? snapshot.error : undefined) ?? (ended ? eventError(ended) : undefined) ?? snapshot?.error;
  const endedAt = ended?.ts ?? snapshot?.endedAt;
  const parentRunId = snapshot?.parentRunId ?? (started ? stringField(started, 'parentRunId') : undefined);
  const rerunOf = snapshot?.rerunOf ?? (started ? stringField(started, 'rerunOf') : undefined);

  return {
    runId: snapshot?.runId ?? started!.runId,
    workflow: snapshot?.workflow ?? (started && stringField(started, 'workflow')) ?? graph?.name ?? '?',
    status,
    input: snapshot ? snapshot.input : field(started!, 'input').value,
    hasOutput,
    ...(hasOutput && { output: snapshotFinal && snapshot.status === 'succeeded' ? snapshot.output : runOutput.value }),
    ...(status !== 'succeeded' && error && { error }),
    startedAt: snapshot?.startedAt ?? started!.ts,
    ...(endedAt !== undefined && status !== 'running' && { endedAt }),
    ...(parentRunId !== undefined && { parentRunId }),
    ...(rerunOf !== undefined && { rerunOf }),
    children,
    order,
    steps,
    attempts,
    logs,
    lastSeq: events.at(-1)?.seq ?? 0,
  };
}

function stepView(
  name: string,
  node: StepNode | undefined,
  snap: StepSnapshot | undefined,
  trace: StepTrace | undefined,
  reused: boolean,
  attemptList: AttemptView[],
  logs: LogLine[],
): StepView {
  const snapState: StepState = snap?.status ?? 'pending';
  const traceState = trace?.state;
  const fromSnapshot = traceState === undefined || rank(snapState) > rank(traceState);
  const state = fromSnapshot ? snapState : traceState;
  const snapDone = snap !== undefined && rank(snap.status) === 2;
  const snapOutput = snapDone && isSuccess(snap.status) && 'output' in snap;
  const hasOutput = snapOutput || (trace?.output.present ?? false);
  const error =
    state === 'succeeded' ? undefined : fromSnapshot ? (snap?.error ?? trace?.error) : (trace?.error ?? snap?.error);
  const skipReason = trace?.skipReason ?? snap?.skipReason;
  const startedAt = trace?.startedAt ?? snap?.startedAt;
  const endedAt = rank(state) === 2 ? (trace?.endedAt ?? snap?.endedAt) : undefined;
  const items = snap?.items ?? trace?.items;
  return {
    name,
    ...(node && { node }),
    state,
    attempts: Math.max(trace?.attempts ?? 0, snap?.attempts ?? 0),
    ...(startedAt !== undefined && { startedAt }),
    ...(endedAt !== undefined && { endedAt }),
    hasOutput,
    ...(hasOutput && { output: snapOutput ? snap.output : trace!.output.value }),
    ...(error && { error }),
    ...(state === 'skipped' && skipReason !== undefined && { skipReason }),
    ...(items !== undefined && { items }),
    reused,
    attemptList,
    logs,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
