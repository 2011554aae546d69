import type { BeforeApplicationShutdown, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import type Bull from 'bull';
import { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import { RunNotFoundError, serializeError } from '@baton/sdk';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import { indexGraph } from '../../coordinator/graph-index.js';
import { reviveError } from '../../errors/revive-error.js';
import type { WorkflowRegistry } from '../../discovery/workflow.registry.js';
import type { EventBus } from '../../events/event-bus.js';
import { RunTracer } from '../../observability/run-tracer.js';
import { isRunEnd, type TraceEvent } from '../../events/trace-event.js';
import { Semaphore } from '../../execution/semaphore.js';
import { StepExecutor } from '../../execution/step.executor.js';
import type { ErrorInfo } from '../../coordinator/run-snapshot.js';
import { unsetChildRunner } from '../child-runner.js';
import type { ChildRunner, StartRequest, Transport } from '../transport.js';
import type { ProgressEvent } from '../../events/progress-event.js';
import type { TransportHealth } from '../../health/transport-health.js';
import type { ResolvedBullTransportOptions } from '../../options/bull-options.js';
import { watchConnection } from './connection-watch.js';
import { LostJobSweeper } from './lost-job.sweeper.js';
import { unpackPublication } from './packed-event.js';
import { RedisKeys } from './redis-keys.js';
import { DEFAULT_FINISHED_RUN_TTL_MS, RedisRunStore } from './redis-run.store.js';
import { RunDriver } from './run-driver.js';
import { RunWaiters } from './run-waiters.js';
import { RunWriter } from './run-writer.js';
import { ProgressRelay } from './progress-relay.js';
import type { StepJobData } from './step-job-data.js';
import { RetryLater } from './step-queue.js';
import { StepWorker } from './step.worker.js';

/**
 * Spreads steps over worker processes through one Bull queue on Redis. Every ready step (or forEach
 * item) is a job with `jobId = runId:step[:index]`; `@Retry` maps to Bull's `attempts` and a custom
 * backoff that applies Baton's delay, cap and jitter; a worker that dies mid-step is detected as stalled
 * and the step runs again elsewhere (at-least-once). Run state lives in Redis, written only by the
 * {@link RunWriter} (one compare-and-set Lua commit per transition); trace events go out on a pub/sub
 * channel that every process follows. On shutdown a worker drains (see {@link StepWorker.drain}).
 */
export class BullTransport
  implements Transport, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  readonly store: RedisRunStore;
  private readonly keys: RedisKeys;
  private readonly tracer: RunTracer;
  private readonly command: Redis;
  private readonly subscriber: Redis;
  private readonly relay: ProgressRelay;
  private readonly writer: RunWriter;
  private readonly driver: RunDriver;
  private readonly worker?: StepWorker;
  private readonly waiters: RunWaiters;
  private readonly workerId = `${hostname()}:${process.pid}`;
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private childRunner: ChildRunner = unsetChildRunner;

  constructor(
    private readonly options: ResolvedBullTransportOptions & {
      concurrency: number;
      maxPayloadBytes: number;
      maxOutputBytes: number;
    },
    private readonly bus: EventBus,
    private readonly registry: WorkflowRegistry,
    private readonly queue: Bull.Queue<StepJobData>,
  ) {
    this.keys = new RedisKeys(options.prefix ?? 'baton');
    this.tracer = new RunTracer(bus);
    const connect = (): Redis =>
      typeof options.redis === 'string' ? new Redis(options.redis) : new Redis(options.redis);
    this.command = connect();
    this.subscriber = connect();
    this.store = new RedisRunStore(this.command, this.keys);
    this.relay = new ProgressRelay(this.command, this.subscriber, this.keys, bus);
    this.writer = new RunWriter(this.command, this.keys, {
      retentionMs: options.finishedRunTtlMs ?? DEFAULT_FINISHED_RUN_TTL_MS,
      maxPayloadBytes: options.maxPayloadBytes,
      tracer: this.tracer,
    });
    this.waiters = new RunWaiters((runId) => this.store.get(runId), options.resultCheckIntervalMs ?? 2_000);
    const executor = new StepExecutor({
      runChild: (parent, workflow, input, signal, onStarted, onSpent) =>
        this.childRunner(parent, workflow, input, signal, onStarted, onSpent),
      slots: new Semaphore(Number.MAX_SAFE_INTEGER),
      now: () => Date.now(),
      random: () => Math.random(),
      workerId: this.workerId,
    });
    if (options.worker !== false) {
      this.worker = new StepWorker({
        queue,
        command: this.command,
        keys: this.keys,
        writer: this.writer,
        registry,
        executor,
        drainGraceMs: options.drainGraceMs ?? 30_000,
        workerId: this.workerId,
        relay: this.relay,
      });
    }
    const worker = this.worker;
    this.driver = new RunDriver(this.writer, queue, this.command, this.keys, {
      workerId: this.workerId,
      maxOutputBytes: options.maxOutputBytes,
      canClaim: () => worker?.canClaim() ?? false,
    });
    if (worker) worker.driver = this.driver;
  }

  setChildRunner(runner: ChildRunner): void {
    this.childRunner = runner;
  }

  /** Follows the event and control channels, and, in a worker, starts taking steps. */
  async open(): Promise<void> {
    watchConnection(this.command, 'command');
    watchConnection(this.subscriber, 'subscriber', () => void this.waiters.checkAll());
    watchConnection(this.queue, 'queue', undefined, this.queue.client);
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // Workers need aborts; trace events only once someone here listens or awaits a result.
    await this.subscriber.subscribe(this.keys.controlChannel);
    this.bus.whenObserved(() => void this.followEvents());
    if (this.worker) {
      const worker = this.worker;
      void this.queue.process(this.options.concurrency, (job) => worker.process(job));
      this.queue.on('failed', (job, error) => void this.onJobFailed(job, error));
      const interval = this.options.stalledIntervalMs ?? 30_000;
      const heartbeat = (): Promise<unknown> =>
        this.command.set(this.keys.worker(this.workerId), '1', 'PX', interval * 3).catch(() => undefined);
      await heartbeat();
      const sweeper = new LostJobSweeper(
        this.store,
        async (jobId) => (await this.queue.getJob(jobId)) !== null,
        (workflow, step) => indexGraph(this.registry.get(workflow).graph).nodes.get(step)?.kind,
        async (workerId) => workerId !== this.workerId && (await this.command.exists(this.keys.worker(workerId))) === 0,
      );
      this.timers.push(
        setInterval(() => void heartbeat(), interval),
        setInterval(() => void this.sweep(sweeper), interval),
      );
      for (const timer of this.timers) timer.unref();
    }
    await this.queue.isReady();
  }

  /** Opens once every workflow is registered. */
  onApplicationBootstrap(): Promise<void> {
    return this.open();
  }

  /** Drains a worker before anything closes (the queue's own shutdown hook would wait for every step). */
  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }

  /** Closes on shutdown. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /**
   * A worker stops taking steps; running ones finish within `drainGraceMs`, the rest are handed back to
   * the queue for another worker. Idempotent.
   */
  async drain(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    if (this.worker) {
      await this.worker.drain();
      await this.command.del(this.keys.worker(this.workerId)).catch(() => undefined);
    }
  }

  /** Stops: drains (see {@link drain}), then every connection closes. */
  async close(): Promise<void> {
    await this.drain();
    this.waiters.close();
    this.tracer.close();
    await this.queue.close(true).catch(() => undefined);
    for (const redis of [this.subscriber, this.command]) redis.disconnect();
  }

  start(request: StartRequest): Promise<string> {
    return this.driver.start(request);
  }

  async cancel(runId: string, reason?: string): Promise<boolean> {
    const state = await this.writer.read(runId); // this process's cached copy when it has one
    if (!state) throw new RunNotFoundError(runId);
    const registered = this.registry.get(state.workflow);
    const result = await this.driver.apply(registered, runId, {
      type: 'run.cancel',
      at: Date.now(),
      ...(reason !== undefined && { reason }),
    });
    if (!result) throw new RunNotFoundError(runId);
    return result.events.some((event) => event.type === 'run.cancelled');
  }

  async signal(runId: string, name: string, payload: unknown): Promise<boolean> {
    const state = await this.writer.read(runId);
    if (!state) throw new RunNotFoundError(runId);
    if (state.status !== 'running') return false;
    const registered = this.registry.get(state.workflow);
    // The same compare-and-set commit as a step's result: against a racing timeout, one of them wins.
    const result = await this.driver.apply(registered, runId, { type: 'signal', at: Date.now(), name, payload });
    if (!result) throw new RunNotFoundError(runId);
    return result.events.some((event) => event.type === 'signal.received');
  }

  /**
   * Down when Redis does not answer a PING within 1 s, or when no worker's heartbeat is fresh (no process
   * would take a step). Also reports the queue's depth.
   */
  async health(): Promise<TransportHealth> {
    const base = { transport: 'bull' };
    const within = <T>(promise: Promise<T>): Promise<T> =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 1 s')), 1_000).unref()),
      ]);
    try {
      await within(this.command.ping());
    } catch (error) {
      return { ...base, up: false, redis: 'unreachable', reason: `Redis: ${(error as Error).message}` };
    }
    const [workers, counts] = await within(Promise.all([this.countWorkers(), this.queue.getJobCounts()])).catch(
      () => [0, undefined] as const,
    );
    const queue = counts && { waiting: counts.waiting, delayed: counts.delayed, active: counts.active };
    const facts = { ...base, redis: 'reachable' as const, workers, ...(queue && { queue }) };
    return workers > 0 ? { ...facts, up: true } : { ...facts, up: false, reason: 'no worker has been seen recently' };
  }

  /** Workers whose heartbeat key has not expired. */
  private async countWorkers(): Promise<number> {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await this.command.scan(cursor, 'MATCH', this.keys.worker('*'), 'COUNT', 100);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  progress(runId?: string): Observable<ProgressEvent> {
    return this.relay.follow(runId);
  }

  async result(runId: string): Promise<unknown> {
    await this.followEvents();
    return this.waiters.wait(runId);
  }

  /** Subscribes to the trace channel, once (a worker that nobody here observes never receives it). */
  private followEvents(): Promise<unknown> {
    this.following ??= this.subscriber.subscribe(this.keys.eventsChannel).catch((error: unknown) => {
      this.following = undefined;
      throw error;
    });
    return this.following;
  }

  private following?: Promise<unknown>;

  events(runId?: string): Observable<TraceEvent> {
    return this.bus.events(runId);
  }

  private onMessage(channel: string, message: string): void {
    if (channel === this.keys.eventsChannel) {
      if (!this.bus.observed && this.waiters.size === 0) return;
      const events = unpackPublication(message);
      this.bus.publish(events);
      for (const event of events) {
        if (isRunEnd(event.type) && this.waiters.has(event.runId)) {
          void this.waiters.check(event.runId);
        }
      }
    } else if (channel === this.keys.progressChannel) {
      this.relay.receive(message);
    } else if (channel === this.keys.controlChannel) {
      const abort = JSON.parse(message) as {
        runId: string;
        step: string;
        index?: number;
        iteration?: number;
        reason: ErrorInfo;
      };
      const reason = reviveError(abort.reason, { runId: abort.runId });
      this.worker?.abort(abort.runId, abort.step, abort.index, abort.iteration, reason);
    }
  }

  /** Enqueues again the jobs of steps whose run says they run but whose job was lost. */
  private async sweep(sweeper: LostJobSweeper): Promise<void> {
    try {
      for (const data of await sweeper.sweep()) {
        const registered = this.registry.get(data.workflow);
        // A lost timer keeps its time: it fires at `until` (at once when that has passed).
        const delayMs = data.until === undefined ? undefined : Math.max(0, data.until - Date.now());
        await this.driver.enqueue(registered, data, delayMs);
      }
    } catch {
      // A sweep that fails (Redis briefly away, an unknown workflow) is simply tried again next interval.
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
      attempt: (job.data.attempt ?? 1) + job.attemptsMade - 1,
      error: serializeError(error),
    };
    await this.driver.apply(registered, job.data.runId, event).catch(() => undefined);
  }
}
