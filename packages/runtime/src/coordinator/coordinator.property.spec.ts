import type { StepNode, WorkflowGraph } from '@baton/sdk';
import fc, { type GeneratorValue } from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRunEnd, type TraceEvent } from '../events/trace-event.js';
import type { StepStatus } from './run-snapshot.js';
import type { CoordinatorAction } from './coordinator-action.js';
import { startRun, transition, type Transition } from './coordinator.js';
import type { RunState } from './run-state.js';
import { isSuccess, isTerminal } from './step-status.js';
import { boom, graphOf, node, T0, type EventInput } from './coordinator.test-kit.js';

/**
 * Property: whatever the DAG, the step outcomes and the order in which a transport reports them, the
 * coordinator keeps the run's invariants. A simulated transport performs the coordinator's actions and
 * completes a random outstanding one next, so completion order is random. Checked:
 * - every step ends in exactly one terminal state (one terminal trace event) and never leaves it;
 * - nothing is scheduled (run-step / expand action, step.scheduled event) before its join policy allows:
 *   `'all'` every dependency terminal, none failed, one succeeded; `'any'` one succeeded; `'allSettled'`
 *   every dependency terminal, not all skipped; and no step is scheduled twice (a join runs at most once);
 * - a failed step fails the run unless every dependent tolerates it (`'any'` / `'allSettled'`);
 * - skipped steps are never scheduled, started or given actions (except those an `'any'` join superseded,
 *   which were aborted);
 * - a run with a `steps` budget never executes more steps than its cap;
 * - a step with a wait (signal, with or without a timeout) or a delay waits before it runs: signals sent at
 *   random times (before their step waits, twice, after a timeout) and timers are applied in any order,
 *   and each waiting step takes at most one signal;
 * - a forEach never has more items outstanding than its concurrency;
 * - the run ends exactly once (one finish action, one run.succeeded/failed/cancelled event, both last), and
 *   every piece of work still running then was told to abort;
 * - trace `seq` is 1, 2, 3, ... without gaps or duplicates;
 * - after the finish, and for duplicated results, no event, no action, no state change.
 */

/** A number in 0..max, drawn through fast-check so failures shrink and replay. */
type Draw = (max: number) => number;
/** Uniform, so that the percentages below are what they say (a biased nat draws its bounds very often). */
const uniformNat = (max: number) => fc.noBias(fc.nat({ max }));

/** A random DAG of 1..12 steps: dependencies among earlier steps, some routes over later steps, some forEach. */
function randomGraph(draw: Draw): WorkflowGraph {
  const count = 1 + draw(11);
  const names = Array.from({ length: count }, (_, i) => `s${i}`);
  const deps: Set<number>[] = names.map((_, i) => {
    const set = new Set<number>();
    for (let j = 0; j < i; j++) if (draw(99) >= 70) set.add(j);
    return set;
  });
  const kinds: StepNode['kind'][] = names.map(() => 'step');
  const routes = new Map<number, number[]>();
  const targeted = new Set<number>();
  for (let i = 0; i < count; i++) {
    // Draws shrink towards 0, so 0 always means the plainest choice.
    const roll = draw(99);
    if (roll >= 55 && roll < 80) {
      const targets: number[] = [];
      for (let j = i + 1; j < count; j++) if (!targeted.has(j) && draw(99) >= 55) targets.push(j);
      if (targets.length === 0) continue;
      kinds[i] = 'route';
      routes.set(i, targets);
      for (const j of targets) {
        targeted.add(j);
        deps[j].add(i);
      }
    } else if (roll >= 80) {
      kinds[i] = 'forEach';
    }
  }
  const steps = names.map((name, i) => {
    const extra: Partial<StepNode> = { kind: kinds[i] };
    const join = deps[i].size > 0 ? draw(99) : 0;
    if (join >= 60) extra.join = join >= 80 ? 'allSettled' : 'any';
    const wait = kinds[i] === 'step' ? draw(99) : 0;
    if (wait >= 85) extra.delay = { ms: 10 };
    else if (wait >= 70) extra.wait = { signal: `sig${wait % 2}`, ...(wait % 3 === 0 && { timeoutMs: 100 }) };
    if (wait >= 70 && wait < 85 && draw(1) === 1) extra.fallback = true;
    if (kinds[i] === 'route') extra.routes = routes.get(i)!.map((j) => names[j]);
    if (kinds[i] === 'forEach' && draw(2) > 0) extra.concurrency = 1 + draw(2);
    return node(
      name,
      [...deps[i]].sort((a, b) => a - b).map((j) => names[j]),
      extra,
    );
  });
  const budget = draw(99) >= 90 ? { budget: { steps: 1 + draw(8) } } : {};
  const signals = [...new Set(steps.flatMap((s) => (s.wait ? [s.wait.signal] : [])))].sort();
  return graphOf(steps, { name: 'random', ...budget, ...(signals.length > 0 && { signals }) });
}

/** One piece of work the simulated transport holds: a step (or item) to run, a forEach to expand, a timer. */
interface Work {
  kind: 'run' | 'expand' | 'timer';
  step: string;
  index?: number;
  started: boolean;
  timer?: 'timeout' | 'delay';
  failWith?: boolean;
}

const sameTarget = (work: Work, a: { step: string; index?: number }) =>
  work.kind !== 'timer' && work.step === a.step && work.index === a.index;
const at = (work: Work) => ({ step: work.step, ...(work.index !== undefined && { index: work.index }) });

/** Everything a simulated run produced, with the invariants checked as it goes. */
class Simulation {
  readonly state: RunState;
  readonly actions: CoordinatorAction[] = [];
  readonly events: TraceEvent[] = [];
  readonly outstanding: Work[] = [];
  /** Work the coordinator aborted: its late results are delivered after the run to check they are ignored. */
  readonly aborted: Work[] = [];
  /** Results already delivered, re-sent now and then as duplicates. */
  readonly delivered: EventInput[] = [];
  /** Step status as the trace tells it, replayed event by event. */
  private readonly traced = new Map<string, 'success' | 'failed' | 'skipped'>();
  private readonly terminalEvents = new Map<string, number>();
  private readonly deps: Map<string, string[]>;
  /** How often each step was scheduled, by `what:step`. */
  private readonly scheduled = new Map<string, number>();
  finished = false;
  clock = T0;

  constructor(
    readonly graph: WorkflowGraph,
    readonly log: string[],
  ) {
    this.deps = new Map(graph.steps.map((s) => [s.name, s.dependsOn]));
    const t = startRun(graph, { runId: 'prop', input: null, at: this.clock });
    this.state = t.state;
    this.absorb(t, 'start');
  }

  send(event: EventInput): Transition {
    this.clock += 1;
    const label = JSON.stringify(event);
    const before = this.finished ? structuredClone(this.state) : undefined;
    const previous = Object.fromEntries(Object.values(this.state.steps).map((s) => [s.name, s.status]));
    const t = transition(this.graph, this.state, { ...event, at: this.clock });
    expect(t.state, 'the coordinator returns the state it was given').toBe(this.state);
    if (before) {
      // No event or action after the finish, and the state is left alone.
      expect(t.actions, `actions after finish for ${label}`).toEqual([]);
      expect(t.events, `events after finish for ${label}`).toEqual([]);
      expect(this.state, `state changed after finish by ${label}`).toEqual(before);
    }
    // A terminal step never leaves its status.
    for (const [name, status] of Object.entries(previous)) {
      if (isTerminal(status)) expect(this.state.steps[name].status, `${name} left ${status} on ${label}`).toBe(status);
    }
    this.absorb(t, label);
    return t;
  }

  private absorb(t: Transition, label: string): void {
    this.log.push(
      `${label} -> ${t.actions.map((a) => `${a.type}:${'step' in a ? a.step : a.status}${'index' in a && a.index !== undefined ? `#${a.index}` : ''}`).join(',')}`,
    );
    t.events.forEach((e, i) => this.onEvent(e, this.events.length + i + 1));
    t.actions.forEach((a, i) => this.onAction(a, i === t.actions.length - 1));
    this.actions.push(...t.actions);
    this.events.push(...t.events);
    if (t.actions.some((a) => a.type === 'finish')) {
      this.finished = true;
      // Timers are not aborted: they fire later and are ignored (delivered after the run, below).
      for (const timer of this.outstanding.filter((w) => w.kind === 'timer')) {
        this.aborted.push(...this.outstanding.splice(this.outstanding.indexOf(timer), 1));
      }
      // Whatever was running was told to abort: the transport holds no live work for an ended run.
      expect(
        this.outstanding.map((w) => `${w.kind}:${w.step}#${w.index}`),
        'work left running after the run ended',
      ).toEqual([]);
      expect(t.events.at(-1)!.type, 'the run event closes the transition').toMatch(
        /^run\.(succeeded|failed|cancelled)$/,
      );
    }
  }

  private onEvent(e: TraceEvent, seq: number): void {
    expect(e.seq, 'seq without gaps or duplicates').toBe(seq);
    const name = e.step;
    if (name === undefined) return;
    if (e.type === 'step.scheduled' && e.index === undefined) this.checkReady(name, 'step.scheduled event');
    const toleratedItem = e.type === 'step.failed' && e.data.tolerated === true;
    const terminal =
      (e.type === 'step.succeeded' || e.type === 'step.recovered') && e.index === undefined
        ? 'success'
        : e.type === 'step.failed' && !toleratedItem
          ? 'failed'
          : e.type === 'step.skipped'
            ? 'skipped'
            : undefined;
    if (terminal) {
      this.terminalEvents.set(name, (this.terminalEvents.get(name) ?? 0) + 1);
      this.traced.set(name, terminal);
    }
  }

  private onAction(a: CoordinatorAction, last: boolean): void {
    switch (a.type) {
      case 'start-timer': {
        // A step that stopped waiting in the same transition (the run ended, a join went on without it)
        // leaves a stale timer: it fires later and must be ignored.
        const timer: Work = { kind: 'timer', step: a.step, timer: a.timer, started: false };
        if (this.state.steps[a.step].status === 'waiting') this.outstanding.push(timer);
        else this.aborted.push(timer);
        break;
      }
      case 'run-step':
      case 'expand':
        if (!('index' in a) || a.index === undefined) this.checkReady(a.step, `${a.type} action`);
        expect(this.state.steps[a.step].status, `${a.type} for a step that is not running`).toBe('running');
        // The step no longer waits: its timer, if any, is stale (a real transport's fires and is ignored).
        this.outstanding.push({
          kind: a.type === 'expand' ? 'expand' : 'run',
          step: a.step,
          ...('index' in a && a.index !== undefined && { index: a.index }),
          started: false,
          ...(a.type === 'run-step' && a.failWith && { failWith: true }),
        });
        if ('index' in a && a.index !== undefined) {
          const limit = this.graph.steps.find((s) => s.name === a.step)!.concurrency ?? Infinity;
          const items = this.outstanding.filter((w) => w.step === a.step && w.index !== undefined).length;
          expect(items, `${a.step}: more items outstanding than its concurrency`).toBeLessThanOrEqual(limit);
        }
        break;
      case 'abort-step': {
        const i = this.outstanding.findIndex((w) => sameTarget(w, a));
        expect(i, `abort-step for ${a.step}#${a.index} that is not outstanding`).toBeGreaterThanOrEqual(0);
        this.aborted.push(...this.outstanding.splice(i, 1));
        break;
      }
      case 'finish':
        expect(this.finished, 'a second finish').toBe(false);
        expect(last, 'finish is the last action of its transition').toBe(true);
        expect(a.status).toBe(this.state.status);
        break;
    }
  }

  /** A step may be scheduled only once, and only when its join policy allows (see the header). */
  private checkReady(name: string, what: string): void {
    const deps = this.deps.get(name)!;
    const statuses = deps.map((d) => this.traced.get(d));
    const join = this.graph.steps.find((s) => s.name === name)!.join;
    const scheduled = (this.scheduled.get(`${what}:${name}`) ?? 0) + 1;
    this.scheduled.set(`${what}:${name}`, scheduled);
    expect(scheduled, `${what} for ${name} a second time`).toBe(1);
    if (join === 'any') {
      expect(statuses.includes('success'), `${what} for any-join ${name} before a dependency succeeded`).toBe(true);
      return;
    }
    expect(
      statuses.every((s) => s !== undefined),
      `${what} for ${name} before its dependencies ${deps.join(',')} ended`,
    ).toBe(true);
    if (join === 'allSettled') {
      expect(
        statuses.every((s) => s === 'skipped'),
        `${what} for ${name} with every dependency skipped`,
      ).toBe(false);
      return;
    }
    expect(
      statuses.every((s) => s !== undefined),
      `${what} for ${name} before its dependencies ${deps.join(',')} ended`,
    ).toBe(true);
    expect(statuses.includes('failed'), `${what} for ${name} after a failed dependency`).toBe(false);
    if (deps.length > 0)
      expect(statuses.includes('success'), `${what} for ${name} with every dependency skipped`).toBe(true);
  }

  /** The final checks, once the transport has nothing left to do. */
  checkEnd(): void {
    const final: Record<string, StepStatus> = Object.fromEntries(
      Object.values(this.state.steps).map((s) => [s.name, s.status]),
    );
    expect(this.state.status, `the run never ended; steps: ${JSON.stringify(final)}`).not.toBe('running');
    for (const [name, status] of Object.entries(final)) {
      expect(isTerminal(status), `${name} ended ${status}`).toBe(true);
      expect(this.terminalEvents.get(name), `terminal trace events of ${name}`).toBe(1);
      const traced = this.traced.get(name);
      expect(
        traced === 'success' ? isSuccess(status) : traced === status,
        `${name}: trace says ${traced}, state says ${status}`,
      ).toBe(true);
      if (status === 'skipped' && this.state.steps[name].skipReason !== 'superseded') {
        expect(
          this.events.filter((e) => e.step === name && (e.type === 'step.started' || e.type === 'step.scheduled')),
          `skipped ${name} was scheduled or started`,
        ).toEqual([]);
        expect(
          this.actions.filter((a) => a.type !== 'finish' && a.type !== 'start-timer' && a.step === name),
          `skipped ${name} got actions`,
        ).toEqual([]);
      }
    }
    expect(
      this.actions.filter((a) => a.type === 'finish'),
      'exactly one finish',
    ).toHaveLength(1);
    const ends = this.events.filter((e) => isRunEnd(e.type));
    expect(ends, 'exactly one run end event').toHaveLength(1);
    expect(this.events.at(-1), 'the run end event is the last event').toBe(ends[0]);
    expect(this.actions.at(-1)!.type, 'finish is the last action').toBe('finish');
    expect(this.events.map((e) => e.seq)).toEqual(this.events.map((_, i) => i + 1));
    expect(this.state.seq).toBe(this.events.length);
    const cap = this.graph.budget?.steps;
    if (cap !== undefined) {
      const executions = this.actions.filter((a) => a.type === 'run-step').length;
      expect(executions, 'step executions beyond the steps budget').toBeLessThanOrEqual(cap);
    }
    // A failure that some dependent does not tolerate fails the run.
    for (const step of Object.values(this.state.steps)) {
      const failedItself = step.status === 'failed' && step.error?.code !== 'STEP_ABORTED';
      const dependents = this.graph.steps.filter((s) => s.dependsOn.includes(step.name));
      const tolerated = dependents.length > 0 && dependents.every((s) => s.join !== undefined);
      if (failedItself && !tolerated) expect(this.state.status, `${step.name} failed untolerated`).toBe('failed');
    }
  }
}

/** Drives one random run to its end. */
function simulate(graph: WorkflowGraph, draw: Draw, log: string[]): Simulation {
  const sim = new Simulation(graph, log);
  const nodes = new Map(graph.steps.map((s) => [s.name, s]));
  const waiting = () => Object.values(sim.state.steps).filter((s) => s.status === 'waiting' && s.waitingFor?.signal);
  for (let turn = 0; turn < 2000 && !sim.finished && (sim.outstanding.length > 0 || waiting().length > 0); turn++) {
    const signals = graph.signals ?? [];
    if (sim.outstanding.length === 0 || (signals.length > 0 && draw(99) >= 90)) {
      // A person (or system) sends a signal: for a step that waits, or any name of the graph at random.
      const name = sim.outstanding.length === 0 ? waiting()[0].waitingFor!.signal! : signals[draw(signals.length - 1)];
      const takers = waiting().filter((s) => s.waitingFor?.signal === name).length;
      const t = sim.send({ type: 'signal', name, payload: { turn } });
      const taken = t.events.filter((e) => e.type === 'signal.received' && e.data.step);
      expect(taken.length, 'a signal is taken by at most one step, and by one if a step waits').toBe(
        takers > 0 ? 1 : 0,
      );
      continue;
    }
    const roll = draw(999);
    if (roll >= 995) {
      sim.send({ type: 'run.cancel', reason: 'random cancel' });
      continue;
    }
    if (roll >= 990) {
      sim.send({ type: 'run.timeout', error: { name: 'WorkflowTimeoutError', message: 'random timeout' } });
      continue;
    }
    if (roll >= 930 && sim.delivered.length > 0) {
      // A duplicate of a result already applied: ignored.
      const dup = sim.delivered[draw(sim.delivered.length - 1)];
      const before = structuredClone(sim.state);
      const t = sim.send(dup);
      expect(t.actions, `duplicate ${JSON.stringify(dup)} made actions`).toEqual([]);
      expect(t.events, `duplicate ${JSON.stringify(dup)} made events`).toEqual([]);
      expect(sim.state).toEqual(before);
      continue;
    }
    const work = sim.outstanding[draw(sim.outstanding.length - 1)];
    const where = at(work);
    if (work.kind === 'timer') {
      sim.outstanding.splice(sim.outstanding.indexOf(work), 1);
      sim.send({ type: 'step.wait-expired', step: work.step, timer: work.timer! });
      continue;
    }
    if (work.failWith) {
      // A timed-out wait with a fallback: the transport settles the failure (recovered, or failed).
      sim.outstanding.splice(sim.outstanding.indexOf(work), 1);
      const recovered = draw(1) === 1;
      const result: EventInput = recovered
        ? { type: 'step.recovered', ...where, attempt: 0, output: 'auto', error: boom('timeout') }
        : { type: 'step.failed', ...where, attempt: 0, error: boom('timeout') };
      sim.delivered.push(result);
      sim.send(result);
      continue;
    }
    if (work.kind === 'expand') {
      sim.outstanding.splice(sim.outstanding.indexOf(work), 1);
      const result: EventInput = { type: 'step.expanded', ...where, count: draw(4) };
      sim.delivered.push(result);
      sim.send(result);
      continue;
    }
    if (!work.started) {
      work.started = true;
      sim.send({ type: 'step.started', ...where, attempt: 1 });
      continue;
    }
    sim.outstanding.splice(sim.outstanding.indexOf(work), 1);
    const isRoute = nodes.get(work.step)!.kind === 'route';
    const outcome = 99 - draw(99);
    let attempt = 1;
    if (outcome < 3) {
      // ctx.stop from inside the step (or item).
      sim.send({ type: 'run.stop', ...where, output: { stoppedBy: work.step } });
      continue;
    }
    if (outcome < 8) {
      sim.send({ type: 'step.log', ...where, message: 'working' });
    }
    if (outcome >= 8 && outcome < 20) {
      // retry, then go on with the second attempt
      sim.send({ type: 'step.retrying', ...where, attempt: 1, error: boom('flaky'), delayMs: 10 });
      sim.send({ type: 'step.started', ...where, attempt: 2 });
      attempt = 2;
    }
    let result: EventInput;
    if (outcome >= 20 && outcome < 26) {
      result = { type: 'step.failed', ...where, attempt, error: boom(`${work.step} failed`) };
    } else if (!isRoute && outcome >= 26 && outcome < 38) {
      result = { type: 'step.recovered', ...where, attempt, output: `${work.step}-fallback`, error: boom() };
    } else {
      result = {
        type: 'step.succeeded',
        ...where,
        attempt,
        output: isRoute ? routeReturn(nodes.get(work.step)!, draw) : `${work.step}-out`,
      };
    }
    sim.delivered.push(result);
    sim.send(result);
  }
  // Late results of aborted (or never-finished) work: all ignored once the run has ended.
  for (const work of [...sim.aborted, ...sim.outstanding]) {
    if (!sim.finished) break;
    if (work.kind === 'timer') sim.send({ type: 'step.wait-expired', step: work.step, timer: work.timer! });
    else sim.send({ type: 'step.succeeded', ...at(work), attempt: 1, output: 'late' });
  }
  return sim;
}

/** What a route returns: usually one target or an array of targets (maybe empty), now and then garbage. */
function routeReturn(route: StepNode, draw: Draw): unknown {
  const targets = route.routes!;
  const roll = draw(99);
  if (roll >= 95) return 'not-a-target';
  if (roll >= 92) return 42;
  if (roll < 50) return targets[draw(targets.length - 1)];
  return targets.filter(() => draw(1) === 1);
}

describe('coordinator properties', () => {
  it('keeps every run invariant over random DAGs, outcomes and completion orders', () => {
    fc.assert(
      fc.property(fc.gen(), (g: GeneratorValue) => {
        const draw: Draw = (max) => g(uniformNat, max);
        const graph = randomGraph(draw);
        const log: string[] = [];
        try {
          simulate(graph, draw, log).checkEnd();
        } catch (error) {
          const steps = graph.steps.map(
            (s) =>
              `${s.name}:${s.kind}${s.join ? `(${s.join})` : ''}${s.routes ? `[${s.routes.join(',')}]` : ''}${s.concurrency ? `/c${s.concurrency}` : ''}<-[${s.dependsOn.join(',')}]`,
          );
          (error as Error).message += `\n graph: ${steps.join(' ')}\n log:\n  ${log.join('\n  ')}`;
          throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
