import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import type Bull from 'bull';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import { RunNotFoundError, serializeError, WorkflowTimeoutError } from '@baton/sdk';
import { startRun } from '../../coordinator/coordinator.js';
import type { CoordinatorAction } from '../../coordinator/coordinator-action.js';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import { indexGraph } from '../../coordinator/graph-index.js';
import type { RunState } from '../../coordinator/run-state.js';
import { reviveError } from '../../client/revive-error.js';
import type { RegisteredWorkflow } from '../../discovery/registered-workflow.js';
import type { WorkflowRegistry } from '../../discovery/workflow.registry.js';
import type { EventBus } from '../../events/event-bus.js';
import type { TraceEvent } from '../../events/trace-event.js';
import { Semaphore } from '../../execution/semaphore.js';
import { StepExecutor } from '../../execution/step.executor.js';
import type { StepJob } from '../../execution/step-job.js';
import { retryDelay } from '../../execution/retry-delay.js';
import { RedisRunStore } from '../../store/redis-run.store.js';
import type { ErrorInfo } from '../../store/run-snapshot.js';
import { settled } from '../run-outcome.js';
import type { ChildRunner, StartRequest, Transport } from '../transport.js';
import type { BullTransportOptions } from './bull-options.js';
import { assertJson } from './json-value.js';
import { LostJobSweeper } from './lost-job.sweeper.js';
import { RetryLater } from './step-queue.js';
import { RunLedger } from './run-ledger.js';
import { jobIdOf, type StepJobData } from './step-job-data.js';

interface Waiter {
  resolve(output: unknown): void;
  reject(error: unknown): void;
}

/** Connections used for run transactions; each holds one WATCH at a time. */
const LEDGER_CONNECTIONS = 8;

/**
 * Spreads steps over worker processes through one Bull queue on Redis. Every ready step (or forEach
 * item) is a job with `jobId = runId:step[:index]`; `@Retry` maps to Bull's `attempts` and a custom
 * backoff that applies Baton's delay, cap and jitter; a worker that dies mid-step is detected as stalled
 * and the step runs again elsewhere (at-least-once). Run state lives in Redis and each coordinator
 * transition is applied atomically (see {@link RunLedger}); trace events go out on a pub/sub channel that
 * every process follows.
 */
export class BullTransport implements Transport, OnApplicationBootstrap, OnApplicationShutdown {
  readonly store: RedisRunStore;
  private readonly queue: Bull.Queue<StepJobData>;
  private readonly command: Redis;
  private readonly subscriber: Redis;
  private readonly ledgerConnections: Redis[];
  private readonly ledger: RunLedger;
  private readonly executor: StepExecutor;
  private readonly controllers = new Map<string, AbortController>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly eventsChannel: string;
  private readonly controlChannel: string;
  private sweepTimer?: ReturnType<typeof setInterval>;
  private childRunner: ChildRunner = () => Promise.reject(new Error('BatonClient has not installed a child runner'));

  constructor(
    private readonly options: BullTransportOptions & { concurrency: number; maxPayloadBytes: number },
    private readonly bus: EventBus,
    private readonly registry: WorkflowRegistry,
    queue: Bull.Queue<StepJobData>,
  ) {
    const prefix = options.prefix ?? 'baton';
    const connect = (): Redis => (typeof options.redis === 'string' ? new Redis(options.redis) : new Redis(options.redis));
    this.command = connect();
    this.subscriber = connect();
    this.ledgerConnections = Array.from({ length: LEDGER_CONNECTIONS }, connect);
    this.store = new RedisRunStore(this.command, { prefix, ...(options.finishedRunTtlMs !== undefined && { finishedRunTtlMs: options.finishedRunTtlMs }) });
    this.eventsChannel = `${prefix}:events`;
    this.controlChannel = `${prefix}:control`;
    this.ledger = new RunLedger(this.ledgerConnections, this.store, this.eventsChannel, options.maxPayloadBytes, options.finishedRunTtlMs ?? 7 * 24 * 3600 * 1000);
    this.queue = queue;
    this.executor = new StepExecutor({
      runChild: (parent, workflow, input, signal, onStarted) => this.childRunner(parent, workflow, input, signal, onStarted),
      slots: new Semaphore(Number.MAX_SAFE_INTEGER),
      now: () => Date.now(),
      random: () => Math.random(),
      workerId: `${hostname()}:${process.pid}`,
    });
  }

  setChildRunner(runner: ChildRunner): void {
    this.childRunner = runner;
  }

  /** Follows the event and control channels, and, in a worker, starts taking steps. */
  async open(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    await this.subscriber.subscribe(this.eventsChannel, this.controlChannel);
    if (this.options.worker !== false) {
      void this.queue.process(this.options.concurrency, (job) => this.process(job));
      this.queue.on('failed', (job, error) => void this.onJobFailed(job, error));
      const sweeper = new LostJobSweeper(
        this.store,
        async (jobId) => (await this.queue.getJob(jobId)) !== null,
        (workflow, step) => indexGraph(this.registry.get(workflow).graph).nodes.get(step)?.kind,
      );
      this.sweepTimer = setInterval(() => void this.sweep(sweeper), this.options.stalledIntervalMs ?? 30_000);
      this.sweepTimer.unref();
    }
    await this.queue.isReady();
  }

  /** Opens once every workflow is registered. */
  onApplicationBootstrap(): Promise<void> {
    return this.open();
  }

  /** Closes on shutdown. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Stops taking steps (running ones are left to Bull's stalled check) and closes every connection. */
  async close(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.queue.close(true).catch(() => undefined);
    for (const redis of [this.subscriber, this.command, ...this.ledgerConnections]) redis.disconnect();
  }

  async start(request: StartRequest): Promise<void> {
    // The input crosses Redis as plain JSON; workers turn it back into the input class.
    const input = request.workflow.compiled.inputClass ? instanceToPlain(request.input) : request.input;
    assertJson(input, `The input of ${request.workflow.name}`, { workflow: request.workflow.name, runId: request.runId });
    const first = startRun(request.workflow.graph, {
      runId: request.runId,
      input,
      at: Date.now(),
      ...(request.parentRunId !== undefined && { parentRunId: request.parentRunId }),
      ...(request.rerunOf !== undefined && { rerunOf: request.rerunOf }),
      ...(request.reuse !== undefined && { reuse: request.reuse }),
    });
    await this.ledger.create(first, request.idempotencyKey);
    const timeoutMs = request.workflow.graph.timeoutMs;
    if (timeoutMs !== undefined) {
      const data: StepJobData = { kind: 'timeout', runId: request.runId, workflow: request.workflow.name };
      await this.queue.add(data, { jobId: jobIdOf(data), delay: timeoutMs, removeOnComplete: true, removeOnFail: true });
    }
    await this.perform(request.workflow, request.runId, first.actions);
  }

  async cancel(runId: string, reason?: string): Promise<boolean> {
    const state = await this.store.get(runId);
    if (!state) throw new RunNotFoundError(runId);
    const registered = this.registry.get(state.workflow);
    const result = await this.applyAndPerform(registered, runId, { type: 'run.cancel', at: Date.now(), ...(reason !== undefined && { reason }) });
    return result !== undefined && result.events.length > 0;
  }

  async result(runId: string): Promise<unknown> {
    const outcome = new Promise<unknown>((resolve, reject) => {
      const list = this.waiters.get(runId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(runId, list);
    });
    const state = await this.store.get(runId);
    if (!state) {
      this.settle(runId, undefined);
      return Promise.reject(new RunNotFoundError(runId));
    }
    if (state.status !== 'running') this.settle(runId, state);
    return outcome;
  }

  events(runId?: string): Observable<TraceEvent> {
    return this.bus.events(runId);
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.eventsChannel) {
      if (!this.bus.observed && this.waiters.size === 0) return;
      const events = JSON.parse(message) as TraceEvent[];
      this.bus.publish(events);
      for (const event of events) {
        if (event.type === 'run.succeeded' || event.type === 'run.failed' || event.type === 'run.cancelled') {
          if (this.waiters.has(event.runId)) void this.store.get(event.runId).then((state) => this.settle(event.runId, state));
        }
      }
    } else if (channel === this.controlChannel) {
      const abort = JSON.parse(message) as { runId: string; step: string; index?: number; reason: ErrorInfo };
      this.controllers.get(controllerKey(abort.runId, abort.step, abort.index))?.abort(reviveError(abort.reason, { runId: abort.runId }));
    }
  }

  private settle(runId: string, state: RunState | undefined): void {
    const waiters = this.waiters.get(runId);
    if (!waiters || !state) return;
    this.waiters.delete(runId);
    const outcome = settled(state);
    for (const waiter of waiters) outcome.then(waiter.resolve, waiter.reject);
  }

  /** Applies an event atomically, then performs the actions it produced. Outputs must be JSON. */
  private async applyAndPerform(registered: RegisteredWorkflow, runId: string, event: CoordinatorEvent) {
    const checked = jsonChecked(registered, runId, event);
    const result = await this.ledger.apply(registered.graph, runId, checked);
    if (result) await this.perform(registered, runId, result.actions);
    return result;
  }

  private async perform(registered: RegisteredWorkflow, runId: string, actions: readonly CoordinatorAction[]): Promise<void> {
    const pending: Array<Promise<unknown>> = [];
    for (const action of actions) {
      if (action.type === 'run-step' || action.type === 'expand') {
        const data: StepJobData = {
          kind: action.type === 'expand' ? 'expand' : 'step',
          runId,
          workflow: registered.name,
          step: action.step,
          ...(action.type === 'run-step' && action.index !== undefined && { index: action.index }),
        };
        const attempts = action.type === 'expand' ? 1 : indexGraph(registered.graph).nodes.get(action.step)!.retry.attempts;
        pending.push(this.queue.add(data, { jobId: jobIdOf(data), attempts, backoff: { type: 'baton' }, removeOnComplete: true, removeOnFail: true }));
      } else if (action.type === 'abort-step') {
        pending.push(this.command.publish(this.controlChannel, JSON.stringify({ runId, step: action.step, index: action.index, reason: action.reason })));
      }
    }
    // Jobs of one transition are independent: enqueue them concurrently (one round trip's wait, not n).
    await Promise.all(pending);
  }

  /** Enqueues again the jobs of steps whose run says they run but whose job was lost. */
  private async sweep(sweeper: LostJobSweeper): Promise<void> {
    try {
      for (const data of await sweeper.sweep()) {
        const registered = this.registry.get(data.workflow);
        const action: CoordinatorAction =
          data.kind === 'expand' ? { type: 'expand', step: data.step! } : { type: 'run-step', step: data.step!, ...(data.index !== undefined && { index: data.index }) };
        await this.perform(registered, data.runId, [action]);
      }
    } catch {
      // A sweep that fails (Redis briefly away, an unknown workflow) is simply tried again next interval.
    }
  }

  /** Runs one job: a step attempt, a forEach expansion, or a run's timeout. */
  private async process(job: Bull.Job<StepJobData>): Promise<void> {
    const data = job.data;
    const registered = this.registry.get(data.workflow);
    if (data.kind === 'timeout') {
      const error = new WorkflowTimeoutError(registered.graph.timeoutMs ?? 0, { workflow: registered.name, runId: data.runId });
      await this.applyAndPerform(registered, data.runId, { type: 'run.timeout', at: Date.now(), error: serializeError(error) });
      return;
    }
    const state = await this.store.get(data.runId);
    const step = data.step!;
    const stepState = state?.steps[step];
    if (!state || state.status !== 'running' || stepState?.status !== 'running') return;
    if (data.index !== undefined && !stepState.itemsState?.running.includes(data.index)) return;

    const controller = new AbortController();
    const key = controllerKey(data.runId, step, data.index);
    this.controllers.set(key, controller);
    let chain: Promise<unknown> = Promise.resolve();
    const report = (event: CoordinatorEvent): void => {
      chain = chain.then(() => this.applyAndPerform(registered, data.runId, event));
    };
    const results: Record<string, unknown> = {};
    for (const [name, s] of Object.entries(state.steps)) if (s.status === 'succeeded' || s.status === 'recovered') results[name] = s.output;
    const inputClass = registered.compiled.inputClass;
    const input = inputClass ? plainToInstance(inputClass as new () => object, state.input as object) : state.input;
    const stepJob: StepJob = { workflow: registered, runId: data.runId, step, input, results, signal: controller.signal, report };
    try {
      if (data.kind === 'expand') {
        stepJob.report = (event) => {
          if (event.type !== 'step.expanded') report(event);
        };
        const items = await this.executor.expand(stepJob);
        if (items !== undefined) {
          await this.command.set(this.itemsKey(data.runId, step), JSON.stringify(items), 'PX', 7 * 24 * 3600 * 1000);
          report({ type: 'step.expanded', at: Date.now(), step, count: items.length });
        }
        await chain;
        return;
      }
      if (data.index !== undefined) {
        stepJob.index = data.index;
        const items = JSON.parse((await this.command.get(this.itemsKey(data.runId, step))) ?? '[]') as unknown[];
        stepJob.item = items[data.index];
      }
      const attempt = job.attemptsMade + 1;
      const outcome = await this.executor.runAttempt(stepJob, attempt);
      if (outcome.kind === 'succeeded') {
        report({ type: 'step.succeeded', at: Date.now(), step, ...(data.index !== undefined && { index: data.index }), attempt, output: outcome.output });
      } else if (outcome.kind === 'failed') {
        const policy = indexGraph(registered.graph).nodes.get(step)!.retry;
        if (attempt < policy.attempts && this.executor.isRetryable(stepJob, outcome.error, attempt)) {
          const delayMs = retryDelay(policy, attempt, Math.random);
          report({ type: 'step.retrying', at: Date.now(), step, ...(data.index !== undefined && { index: data.index }), attempt, error: serializeError(outcome.error), delayMs });
          await chain;
          throw new RetryLater(delayMs, outcome.error);
        }
        await this.executor.settleFailure(stepJob, outcome.error, attempt);
      }
      await chain;
    } finally {
      this.controllers.delete(key);
    }
  }

  /** A job Bull failed for good outside Baton's own retry path (stalled too often, an internal error). */
  private async onJobFailed(job: Bull.Job<StepJobData>, error: Error): Promise<void> {
    if (error instanceof RetryLater || job.data.kind !== 'step' || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const registered = this.registry.get(job.data.workflow);
    const event: CoordinatorEvent = {
      type: 'step.failed',
      at: Date.now(),
      step: job.data.step!,
      ...(job.data.index !== undefined && { index: job.data.index }),
      attempt: job.attemptsMade,
      error: serializeError(error),
    };
    await this.applyAndPerform(registered, job.data.runId, event).catch(() => undefined);
  }

  private itemsKey(runId: string, step: string): string {
    return `${this.store.prefix}:run:${runId}:items:${step}`;
  }
}

function controllerKey(runId: string, step: string, index?: number): string {
  return index === undefined ? `${runId}:${step}` : `${runId}:${step}:${index}`;
}

/** Replaces an event whose output is not JSON by a `step.failed` with a SerializationError naming the step. */
function jsonChecked(registered: RegisteredWorkflow, runId: string, event: CoordinatorEvent): CoordinatorEvent {
  if (event.type !== 'step.succeeded' && event.type !== 'step.recovered' && event.type !== 'run.stop') return event;
  try {
    assertJson(event.output, `The output of ${registered.name}.${event.step}`, { workflow: registered.name, step: event.step, runId });
    return event;
  } catch (error) {
    return {
      type: 'step.failed',
      at: event.at,
      step: event.step,
      ...(event.index !== undefined && { index: event.index }),
      attempt: 'attempt' in event ? event.attempt : 0,
      error: serializeError(error),
    };
  }
}
