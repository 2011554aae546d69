import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { RunNotFoundError, serializeError, WorkflowTimeoutError } from '@baton/sdk';
import { startRun, transition, type Transition } from '../../coordinator/coordinator.js';
import type { CoordinatorAction } from '../../coordinator/coordinator-action.js';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import type { ErrorInfo } from '../../coordinator/run-snapshot.js';
import { reviveError } from '../../errors/revive-error.js';
import { settled } from '../run-outcome.js';
import { existingRun } from '../existing-run.js';
import { cutPayload } from '../../events/cut-payload.js';
import { EventBus } from '../../events/event-bus.js';
import { RunTracer } from '../../observability/run-tracer.js';
import { MemoryQueueWait } from '../../observability/memory-queue-wait.js';
import type { TraceEvent } from '../../events/trace-event.js';
import type { ProgressEvent } from '../../events/progress-event.js';
import type { TransportHealth } from '../../health/transport-health.js';
import { checkOutput } from '../../execution/check-output.js';
import { Semaphore } from '../../execution/semaphore.js';
import { StepExecutor } from '../../execution/step.executor.js';
import type { StepJob } from '../../execution/step-job.js';
import { eventAt, stepKey } from '../../execution/step-key.js';
import { abortedAlone, joinFailures } from '../../coordinator/join-failures.js';
import { BATON_OPTIONS } from '../../tokens.js';
import type { ResolvedBatonOptions } from '../../options/baton-options.js';
import { InMemoryRunStore } from '../../store/memory-run.store.js';
import { unsetChildRunner } from '../child-runner.js';
import type { ChildRunner, StartRequest, Transport } from '../transport.js';
import type { MemoryRun } from './memory-run.js';

interface Waiter {
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs steps in this process (the embedded default): feeds the coordinator, performs its actions with
 * the {@link StepExecutor}, bounds concurrent attempts, and keeps runs in an {@link InMemoryRunStore}.
 */
@Injectable()
export class MemoryTransport implements Transport, OnApplicationShutdown {
  readonly store: InMemoryRunStore;
  private readonly active = new Map<string, MemoryRun>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly executor: StepExecutor;
  private childRunner: ChildRunner = unsetChildRunner;
  private readonly tracer = new RunTracer();
  private readonly queueWait = new MemoryQueueWait();

  constructor(
    @Inject(BATON_OPTIONS) private readonly options: ResolvedBatonOptions,
    private readonly bus: EventBus,
  ) {
    this.store = new InMemoryRunStore(options.retainRuns);
    const slots = new Semaphore(options.concurrency);
    this.executor = new StepExecutor({
      runChild: (parent, workflow, input, signal, onStarted, onSpent) =>
        this.childRunner(parent, workflow, input, signal, onStarted, onSpent),
      slots,
      now: () => Date.now(),
      random: () => Math.random(),
    });
  }

  setChildRunner(runner: ChildRunner): void {
    this.childRunner = runner;
  }

  async start(request: StartRequest): Promise<string> {
    const { workflow, runId } = request;
    const first = startRun(workflow.graph, {
      runId,
      input: request.input,
      at: Date.now(),
      ...(request.parentRunId !== undefined && { parentRunId: request.parentRunId }),
      ...(request.rerunOf !== undefined && { rerunOf: request.rerunOf }),
      ...(request.reuse !== undefined && { reuse: request.reuse }),
    });
    const existing = this.store.createSync(first.state, request.idempotency);
    if (existing) return existingRun(request, existing);
    const run: MemoryRun = {
      workflow,
      state: first.state,
      results: {},
      controller: new AbortController(),
      own: new Map(),
      items: new Map(),
      waits: new Set(),
    };
    for (const [name, step] of Object.entries(request.reuse ?? {})) {
      if (step.status === 'succeeded' || step.status === 'recovered') run.results[name] = step.output;
    }
    this.active.set(runId, run);
    const timeoutMs = workflow.graph.timeoutMs;
    if (timeoutMs !== undefined) {
      run.timer = setTimeout(() => {
        const error = new WorkflowTimeoutError(timeoutMs, { workflow: workflow.name, runId });
        run.failure = error;
        this.feed(run, { type: 'run.timeout', at: Date.now(), error: serializeError(error) });
      }, timeoutMs);
    }
    this.apply(run, first);
    return runId;
  }

  async cancel(runId: string, reason?: string): Promise<boolean> {
    const run = this.active.get(runId);
    if (!run) {
      if (!this.store.getSync(runId)) throw new RunNotFoundError(runId);
      return false;
    }
    this.feed(run, { type: 'run.cancel', at: Date.now(), ...(reason !== undefined && { reason }) });
    return true;
  }

  async signal(runId: string, name: string, payload: unknown): Promise<boolean> {
    const run = this.active.get(runId);
    if (!run) {
      if (!this.store.getSync(runId)) throw new RunNotFoundError(runId);
      return false;
    }
    this.feed(run, { type: 'signal', at: Date.now(), name, payload });
    return true;
  }

  result(runId: string): Promise<unknown> {
    const state = this.store.getSync(runId);
    if (!state) return Promise.reject(new RunNotFoundError(runId));
    if (state.status !== 'running') return settled(state);
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(runId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(runId, list);
    });
  }

  events(runId?: string): Observable<TraceEvent> {
    return this.bus.events(runId);
  }

  health(): Promise<TransportHealth> {
    return Promise.resolve({ up: true, transport: 'memory', running: this.active.size });
  }

  progress(runId?: string): Observable<ProgressEvent> {
    return this.bus.progressOf(runId);
  }

  /** Cancels every running run, so none is left `running` when the process stops. */
  onApplicationShutdown(): void {
    for (const runId of [...this.active.keys()]) {
      const run = this.active.get(runId);
      if (run) this.feed(run, { type: 'run.cancel', at: Date.now(), reason: 'the application is shutting down' });
    }
  }

  /**
   * Feeds one event to the coordinator and applies the result; `error` is the original thrown value. An
   * output over `maxOutputBytes` (or not JSON) turns its event into that step's `step.failed`.
   */
  private feed(run: MemoryRun, event: CoordinatorEvent, error?: unknown): void {
    this.queueWait.observe(run.workflow.name, run.state.runId, event);
    if (event.type === 'step.succeeded' || event.type === 'step.recovered' || event.type === 'run.stop') {
      const at = eventAt(event);
      try {
        checkOutput(
          event.output,
          { maxOutputBytes: this.options.maxOutputBytes },
          { workflow: run.workflow.name, runId: run.state.runId, ...at },
        );
      } catch (failure) {
        const attempt = event.type === 'run.stop' ? 0 : event.attempt;
        this.feed(run, { type: 'step.failed', at: event.at, ...at, attempt, error: serializeError(failure) }, failure);
        return;
      }
    }
    if (error !== undefined && event.type === 'step.failed') run.failure = error;
    this.apply(run, transition(run.workflow.graph, run.state, event));
  }

  private apply(run: MemoryRun, { events, actions }: Transition): void {
    if (events.length > 0) {
      const cut = events.map((event) => cutPayload(event, this.options.maxPayloadBytes));
      this.store.appendEventsSync(run.state.runId, cut);
      this.bus.publish(cut);
      this.tracer.record(run.state, events);
      for (const event of events) {
        if (event.index !== undefined || event.step === undefined) continue;
        // A forEach step whose failed items are tolerated keeps the others' outputs: they are results too.
        const settledOutput =
          event.type === 'step.succeeded' ||
          event.type === 'step.recovered' ||
          (event.type === 'step.failed' && run.state.steps[event.step].output !== undefined);
        if (settledOutput) run.results[event.step] = run.state.steps[event.step].output;
      }
    }
    for (const action of actions) this.perform(run, action);
  }

  private perform(run: MemoryRun, action: CoordinatorAction): void {
    switch (action.type) {
      case 'run-step':
        if (!action.failWith) this.queueWait.scheduled(run.state.runId, action, Date.now());
        void this.runStep(run, action.step, action.index, action.iteration, action.failWith);
        break;
      case 'start-timer':
        void this.startTimer(run, action);
        break;
      case 'expand':
        void this.expand(run, action.step, action.iteration);
        break;
      case 'abort-step': {
        const reason = reviveError(action.reason, { runId: run.state.runId });
        const own = run.own.get(stepKey(run.state.runId, action.step, action.index, action.iteration));
        if (own) own.abort(reason);
        else if (run.state.status !== 'running' && !run.controller.signal.aborted) run.controller.abort(reason);
        break;
      }
      case 'finish':
        this.finish(run);
        break;
    }
  }

  private job(run: MemoryRun, step: string, index?: number, iteration?: number): StepJob {
    const graph = run.workflow.graph;
    const failures = joinFailures(graph, run.state.steps, step);
    const job: StepJob = {
      workflow: run.workflow,
      runId: run.state.runId,
      step,
      input: run.state.input,
      results: run.results,
      signal: run.controller.signal,
      report: (event, error) => this.feed(run, event, error),
      ...(iteration !== undefined && { iteration }),
      ...(failures && { failures }),
      ...(run.state.steps[step]?.received !== undefined && { received: run.state.steps[step].received }),
      progress: (data) =>
        this.bus.progress({ runId: run.state.runId, ts: Date.now(), ...eventAt({ step, index, iteration }), data }),
    };
    if (index !== undefined) {
      job.index = index;
      job.item = run.items.get(step)?.[index];
    }
    if (abortedAlone(graph, step)) {
      const own = new AbortController();
      run.own.set(stepKey(run.state.runId, step, index, iteration), own);
      job.signal = AbortSignal.any([run.controller.signal, own.signal]);
    }
    return job;
  }

  private async runStep(
    run: MemoryRun,
    step: string,
    index?: number,
    iteration?: number,
    failWith?: ErrorInfo,
  ): Promise<void> {
    const job = this.job(run, step, index, iteration);
    try {
      if (failWith) await this.executor.settleFailure(job, reviveError(failWith, { runId: run.state.runId }), 0);
      else await this.executor.runStep(job);
    } catch (error) {
      this.feed(
        run,
        { type: 'step.failed', at: Date.now(), ...eventAt(job), attempt: 0, error: serializeError(error) },
        error,
      );
    } finally {
      run.own.delete(stepKey(run.state.runId, step, index, iteration));
    }
  }

  /** A waiting step's timer: holds no slot, only a timer, cleared when the run ends. */
  private async startTimer(run: MemoryRun, action: Extract<CoordinatorAction, { type: 'start-timer' }>): Promise<void> {
    const { step, iteration, timer } = action;
    let ms = action.ms;
    if (ms === undefined) {
      const job = this.job(run, step, undefined, iteration);
      ms = await this.executor.delayOf(job);
      if (ms === undefined) return; // the delay function failed: the step was reported failed
    }
    const handle = setTimeout(() => {
      run.waits.delete(handle);
      this.feed(run, {
        type: 'step.wait-expired',
        at: Date.now(),
        step,
        timer,
        ...(iteration !== undefined && { iteration }),
      });
    }, ms);
    run.waits.add(handle);
  }

  private async expand(run: MemoryRun, step: string, iteration?: number): Promise<void> {
    const job = this.job(run, step, undefined, iteration);
    // Keep the items before the coordinator sees `step.expanded` and schedules them.
    let expanded: CoordinatorEvent | undefined;
    job.report = (event, error) => {
      if (event.type === 'step.expanded') expanded = event;
      else this.feed(run, event, error);
    };
    const items = await this.executor.expand(job);
    run.own.delete(stepKey(run.state.runId, step, undefined, iteration));
    if (items === undefined || !expanded) return;
    run.items.set(step, items);
    this.feed(run, expanded);
  }

  private finish(run: MemoryRun): void {
    const { state } = run;
    if (run.timer !== undefined) clearTimeout(run.timer);
    for (const handle of run.waits) clearTimeout(handle);
    run.waits.clear();
    this.active.delete(state.runId);
    this.queueWait.forget(state.runId);
    this.store.finishedSync(state);
    const waiters = this.waiters.get(state.runId) ?? [];
    this.waiters.delete(state.runId);
    if (waiters.length === 0) return;
    const outcome = settled(state, run.failure);
    for (const waiter of waiters) outcome.then(waiter.resolve, waiter.reject);
  }
}
