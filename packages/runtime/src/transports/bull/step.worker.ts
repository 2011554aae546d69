import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { plainToInstance } from 'class-transformer';
import { serializeError, StepAbortedError, WorkflowTimeoutError } from '@baton/sdk';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import type { RunState } from '../../coordinator/run-state.js';
import type { RegisteredWorkflow } from '../../discovery/registered-workflow.js';
import type { WorkflowRegistry } from '../../discovery/workflow.registry.js';
import { resultsView } from '../../execution/results-view.js';
import type { StepExecutor } from '../../execution/step.executor.js';
import type { StepJob } from '../../execution/step-job.js';
import { itemField, type RedisKeys } from './redis-keys.js';
import type { ClaimedStep, RunDriver } from './run-driver.js';
import type { RunWriter } from './run-writer.js';
import { HAND_BACK_JOB } from './run-scripts.js';
import { jobIdOf, type StepJobData } from './step-job-data.js';
import { RetryLater } from './step-queue.js';

/** A step running in this process: through a Bull job, or claimed from a commit. */
interface InFlight {
  controller: AbortController;
  data: StepJobData;
  attempt: number;
  job?: Bull.Job<StepJobData>;
  done: Promise<void>;
}

/** What {@link StepWorker} needs. */
export interface StepWorkerDeps {
  queue: Bull.Queue<StepJobData>;
  command: Redis;
  keys: RedisKeys;
  writer: RunWriter;
  registry: WorkflowRegistry;
  executor: StepExecutor;
  /** Most steps this process runs at once. */
  concurrency: number;
  /** How long a draining worker lets its running steps finish before handing them back, in ms. */
  drainGraceMs: number;
  /** Names this process (`host:pid`) in `step.started` events. */
  workerId: string;
}

/**
 * Runs steps in a worker process: Bull jobs (a step attempt, a forEach expansion, a run's timeout) and
 * steps claimed straight from a commit. Each attempt's `step.started` is committed before the step's
 * method is called (which also proves, against the run's latest state, that the step is still due).
 * On shutdown it drains: takes no more jobs, lets running steps finish within the grace period, then
 * hands the rest back to the queue at once, so another worker takes them without waiting for a lock.
 */
export class StepWorker {
  private readonly inFlight = new Map<string, InFlight>();
  private draining = false;
  private idle?: () => void;
  private handBack?: (keys: string[], args: string[]) => Promise<number>;
  driver!: RunDriver;

  constructor(private readonly deps: StepWorkerDeps) {
    deps.command.defineCommand('batonHandBackJob', { numberOfKeys: 4, lua: HAND_BACK_JOB });
  }

  /** Whether this process can take one more step now. */
  canClaim(): boolean {
    return !this.draining && this.inFlight.size < this.deps.concurrency;
  }

  /** Runs one Bull job. */
  async process(job: Bull.Job<StepJobData>): Promise<void> {
    const data = job.data;
    const registered = this.deps.registry.get(data.workflow);
    if (data.kind === 'timeout') {
      const error = new WorkflowTimeoutError(registered.graph.timeoutMs ?? 0, { workflow: registered.name, runId: data.runId });
      await this.driver.apply(registered, data.runId, { type: 'run.timeout', at: Date.now(), error: serializeError(error) });
      return;
    }
    const attempt = (data.attempt ?? 1) + job.attemptsMade;
    if (this.draining) {
      // Bull handed it over as the pause began: give it straight back for another worker.
      await this.giveBack({ controller: new AbortController(), data, attempt, job, done: Promise.resolve() });
      return;
    }
    await this.track(data, attempt, job, () => this.execute(registered, data, attempt, job));
  }

  /** Runs a step claimed from a commit, in the background (its slot counts against the concurrency). */
  runClaimed(claimed: ClaimedStep): void {
    const data: StepJobData = { kind: 'step', runId: claimed.runId, workflow: claimed.workflow.name, step: claimed.step, ...(claimed.index !== undefined && { index: claimed.index }) };
    void this.track(data, 1, undefined, () => this.execute(claimed.workflow, data, 1, undefined, claimed.state)).catch(() => undefined);
  }

  /** Aborts a step running here (a `control` message: its run ended, or one of its items failed). */
  abort(runId: string, step: string, index: number | undefined, reason: Error): void {
    this.inFlight.get(jobIdOf({ kind: 'step', runId, workflow: '', step, ...(index !== undefined && { index }) }))?.controller.abort(reason);
  }

  /**
   * Stops taking jobs, lets running steps finish for up to `drainGraceMs`, then hands every step still
   * running back to the queue (Bull jobs to the head of the wait list, claimed steps as new jobs) and
   * aborts it here.
   */
  async drain(): Promise<void> {
    if (this.draining) return this.drained;
    this.draining = true;
    this.drained = this.drainNow();
    return this.drained;
  }

  private drained: Promise<void> = Promise.resolve();

  private async drainNow(): Promise<void> {
    await this.deps.queue.pause(true, true).catch(() => undefined);
    if (this.inFlight.size > 0) {
      await Promise.race([
        new Promise<void>((resolve) => (this.idle = resolve)),
        new Promise((resolve) => setTimeout(resolve, this.deps.drainGraceMs).unref()),
      ]);
    }
    const left = [...this.inFlight.values()];
    await Promise.all(left.map((step) => this.giveBack(step).catch(() => undefined)));
    for (const step of left) {
      const { runId, workflow, step: name } = step.data;
      step.controller.abort(new StepAbortedError('its worker is shutting down; the step was handed back to the queue', { runId, workflow, step: name! }));
    }
    await Promise.race([Promise.allSettled(left.map((step) => step.done)), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  private async giveBack(step: InFlight): Promise<void> {
    const { queue, command } = this.deps;
    if (step.job) {
      const id = String(step.job.id);
      await (command as unknown as { batonHandBackJob(...args: string[]): Promise<number> }).batonHandBackJob(
        queue.toKey('active'),
        queue.toKey('wait'),
        step.job.lockKey(),
        queue.toKey(id),
        id,
        (queue as unknown as { token: string }).token,
      );
    } else {
      const registered = this.deps.registry.get(step.data.workflow);
      await this.driver.enqueue(registered, { ...step.data, attempt: step.attempt });
    }
  }

  private async track(data: StepJobData, attempt: number, job: Bull.Job<StepJobData> | undefined, run: () => Promise<void>): Promise<void> {
    const key = jobIdOf(data);
    const controller = new AbortController();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.inFlight.set(key, { controller, data, attempt, done, ...(job && { job }) });
    try {
      await run();
    } finally {
      this.inFlight.delete(key);
      finish();
      if (this.inFlight.size === 0) this.idle?.();
    }
  }

  /** One attempt of a step (or an expansion), from its `step.started` commit to its outcome's commit. */
  private async execute(registered: RegisteredWorkflow, data: StepJobData, attempt: number, job?: Bull.Job<StepJobData>, claimedState?: RunState): Promise<void> {
    const controller = this.inFlight.get(jobIdOf(data))!.controller;
    const step = data.step!;
    const at = { step, ...(data.index !== undefined && { index: data.index }) };
    let state = claimedState;
    if (!state) {
      state = await this.begin(registered, data, attempt);
      if (!state) return; // the step is not due (settled, its run ended, or the run is gone)
    }
    let chain: Promise<unknown> = Promise.resolve();
    const report = (event: CoordinatorEvent): void => {
      const claim = event.type === 'step.succeeded' || event.type === 'step.recovered' || event.type === 'step.expanded';
      chain = chain.then(() => this.driver.apply(registered, data.runId, event, { claim, ...(event.type === 'step.expanded' && { fields: items }) }));
    };
    let items: string[] = [];
    const inputClass = registered.compiled.inputClass;
    const input = inputClass ? plainToInstance(inputClass as new () => object, state.input as object) : state.input;
    const stepJob: StepJob = { workflow: registered, runId: data.runId, step, input, results: resultsView(state), signal: controller.signal, report };
    if (data.kind === 'expand') {
      stepJob.report = (event) => {
        if (event.type !== 'step.expanded') report(event);
      };
      const list = await this.deps.executor.expand(stepJob);
      if (list !== undefined) {
        items = list.flatMap((item, index) => [itemField(step, index), JSON.stringify(item ?? null)]);
        report({ type: 'step.expanded', at: Date.now(), step, count: list.length });
      }
      await chain;
      return;
    }
    if (data.index !== undefined) {
      stepJob.index = data.index;
      const json = await this.deps.command.hget(this.deps.keys.run(data.runId), itemField(step, data.index));
      stepJob.item = json === null ? undefined : JSON.parse(json);
    }
    const outcome = await this.deps.executor.runAttempt(stepJob, attempt, true);
    if (outcome.kind === 'succeeded') {
      report({ type: 'step.succeeded', at: Date.now(), ...at, attempt, output: outcome.output });
    } else if (outcome.kind === 'failed') {
      const delayMs = this.deps.executor.retryAfter(stepJob, outcome.error, attempt);
      if (delayMs !== undefined) {
        await chain;
        if (job) throw new RetryLater(delayMs, outcome.error); // Bull schedules the next attempt
        await this.driver.enqueue(registered, { ...data, attempt: attempt + 1 }, delayMs);
        return;
      }
      await this.deps.executor.settleFailure(stepJob, outcome.error, attempt);
    }
    await chain;
  }

  /**
   * Commits the attempt's `step.started` if the step is still due, resolving with the run's state; an
   * expansion only checks it is due. Resolves undefined when it is not.
   */
  private async begin(registered: RegisteredWorkflow, data: StepJobData, attempt: number): Promise<RunState | undefined> {
    const step = data.step!;
    let due: RunState | undefined;
    const isDue = (state: RunState): boolean => {
      const s = state.steps[step];
      if (state.status !== 'running' || s?.status !== 'running') return false;
      if (data.index !== undefined) return s.itemsState?.running.includes(data.index) === true;
      return data.kind === 'expand' ? s.itemsState === undefined : true;
    };
    if (data.kind === 'expand') {
      await this.deps.writer.apply(data.runId, (state) => {
        due = isDue(state) ? state : undefined;
        return { transition: { state, actions: [], events: [] } };
      });
      return due;
    }
    const event: CoordinatorEvent = { type: 'step.started', at: Date.now(), step, ...(data.index !== undefined && { index: data.index }), attempt, worker: this.deps.workerId };
    const result = await this.driver.apply(registered, data.runId, event);
    // Committed: the state now records this attempt. Not committed: the step was not due.
    return result && result.events.some((e) => e.type === 'step.started') && isDue(result.state) ? result.state : undefined;
  }
}
