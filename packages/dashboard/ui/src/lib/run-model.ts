import type { ErrorInfo, RunSnapshot, RunStatus, TraceEvent } from '@baton/runtime';
import type { Budget, WorkflowGraph } from '@baton/sdk';
import { deriveAttempts, type AttemptView } from './run-attempts.js';
import { childRunId, eventError, isOfType, loopIteration } from './event-data.js';
import { traceRunUsage } from './run-usage.js';
import { deriveSignals } from './signals.js';
import { deriveStepTraces } from './step-trace.js';
import { stepView, type LogLine, type StepView } from './step-view.js';
import { maxUsage, type UsageTotals } from './usage.js';

export type { AttemptView } from './run-attempts.js';
export type { LogLine, StepView } from './step-view.js';

/** A `loop.iteration` event: a route chose its back target and the loop's body starts pass `iteration`. */
export interface LoopMark {
  seq: number;
  ts: number;
  router: string;
  target: string;
  iteration: number;
  maxIterations?: number;
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
  /** Every new loop pass, in trace order. */
  loopMarks: LoopMark[];
  logs: LogLine[];
  /** What the run spent: `steps` executed and every counter its steps reported. */
  usage?: UsageTotals;
  /** The workflow's budget, when it sets one. */
  budget?: Budget;
  /** Steps now `waiting` (for a signal or a delay), in graph order. */
  waiting: string[];
  /** Signals received that no step has taken yet, counted by name. */
  pendingSignals: Record<string, number>;
  lastSeq: number;
}

const TERMINAL_RUN: Partial<Record<TraceEvent['type'], RunStatus>> = {
  'run.succeeded': 'succeeded',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
};

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
  const started = events.find(isOfType('run.started'));
  if (!snapshot && !started) return undefined;

  const traces = deriveStepTraces(events, graph?.loops);
  const attempts = deriveAttempts(events);
  const logs: LogLine[] = [];
  const loopMarks: LoopMark[] = [];
  const children: { runId: string; step: string }[] = [];
  let ended: TraceEvent | undefined;
  for (const event of events) {
    if (TERMINAL_RUN[event.type]) ended = event;
    const loop = loopIteration(event);
    if (loop) {
      const { router, target, iteration, maxIterations } = loop;
      loopMarks.push({
        seq: event.seq,
        ts: event.ts,
        router,
        target,
        iteration,
        ...(maxIterations !== undefined && { maxIterations }),
      });
    }
    if (event.type === 'step.log' && event.step !== undefined) {
      logs.push({
        seq: event.seq,
        ts: event.ts,
        step: event.step,
        ...(event.index !== undefined && { index: event.index }),
        message: event.data.message,
        ...('data' in event.data && { data: event.data.data }),
      });
      const child = childRunId(event);
      if (child && !children.some((c) => c.runId === child)) children.push({ runId: child, step: event.step });
    }
  }

  const reused = new Set(started?.data.reused);
  const nodes = new Map((graph?.steps ?? []).map((n) => [n.name, n]));
  const order = [...nodes.keys()];
  for (const name of Object.keys(snapshot?.steps ?? {})) if (!nodes.has(name)) order.push(name);
  for (const name of traces.keys()) if (!order.includes(name)) order.push(name);

  const attemptsOf = groupBy(attempts, (a) => a.step);
  const logsOf = groupBy(logs, (l) => l.step);
  const snapshotFinal = snapshot !== undefined && snapshot.status !== 'running';
  const signals = deriveSignals(events);
  const steps: Record<string, StepView> = {};
  for (const name of order) {
    const node = nodes.get(name);
    const snap = snapshot?.steps[name];
    const trace = traces.get(name);
    steps[name] = stepView({
      name,
      ...(graph && { graph }),
      ...(node && { node }),
      ...(snap && { snap }),
      ...(trace && { trace }),
      snapshotFinal,
      reused: reused.has(name),
      ...(signals.received.has(name) && { received: { value: signals.received.get(name) } }),
      attemptList: attemptsOf.get(name) ?? [],
      logs: logsOf.get(name) ?? [],
    });
  }

  const endedStatus = ended ? TERMINAL_RUN[ended.type] : undefined;
  const status: RunStatus = endedStatus ?? snapshot?.status ?? 'running';
  // The snapshot of an ended run has the exact totals; otherwise the trace may be fresher.
  const traced = traceRunUsage(events, graph);
  const usage = snapshotFinal ? (snapshot.usage ?? traced) : maxUsage(snapshot?.usage, traced);
  const runOutput =
    ended?.type === 'run.succeeded'
      ? { present: true, value: ended.data.output }
      : { present: false, value: undefined };
  const hasOutput = (snapshotFinal && snapshot.status === 'succeeded') || runOutput.present;
  const error =
    (snapshotFinal ? snapshot.error : undefined) ?? (ended ? eventError(ended) : undefined) ?? snapshot?.error;
  const endedAt = ended?.ts ?? snapshot?.endedAt;
  const parentRunId = snapshot?.parentRunId ?? started?.data.parentRunId;
  const rerunOf = snapshot?.rerunOf ?? started?.data.rerunOf;

  return {
    runId: snapshot?.runId ?? started!.runId,
    workflow: snapshot?.workflow ?? started?.data.workflow ?? graph?.name ?? '?',
    status,
    input: snapshot ? snapshot.input : started!.data.input,
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
    loopMarks,
    logs,
    ...(usage && { usage }),
    ...(graph?.budget && { budget: graph.budget }),
    waiting: order.filter((name) => steps[name].state === 'waiting'),
    // The whole trace replays the queue; a snapshot re-read after the end, or one without the trace's start, knows better.
    pendingSignals: snapshotFinal || !started ? pendingOf(snapshot) : signals.pending,
    lastSeq: events.at(-1)?.seq ?? 0,
  };
}

/** The snapshot's kept signals, counted by name. */
function pendingOf(snapshot: RunSnapshot | undefined): Record<string, number> {
  const pending: Record<string, number> = {};
  for (const [name, queue] of Object.entries(snapshot?.signals ?? {}))
    if (queue.length > 0) pending[name] = queue.length;
  return pending;
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
