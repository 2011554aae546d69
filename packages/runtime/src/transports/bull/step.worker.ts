import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { plainToInstance } from 'class-transformer';
import { serializeError, StepAbortedError, WorkflowTimeoutError } from '@baton/sdk';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import { ancestorsOf } from '../../coordinator/ancestors.js';
import type { RunState, StepState } from '../../coordinator/run-state.js';
import type { RegisteredWorkflow } from '../../discovery/registered-workflow.js';
import type { WorkflowRegistry } from '../../discovery/workflow.registry.js';
import { resultsView } from '../../execution/results-view.js';
import type { StepExecutor } from '../../execution/step.executor.js';
import type { StepJob } from '../../execution/step-job.js';
import { eventAt, stepKey } from '../../execution/step-key.js';
import type { ProgressRelay } from './progress-relay.js';
import { reviveError } from '../../errors/revive-error.js';
import { joinFailures } from '../../coordinator/join-failures.js';
import { itemField, stepField, type RedisKeys } from './redis-keys.js';
import type { ClaimedStep, RunDriver } from './run-driver.js';
import type { RunWriter } from './run-writer.js';
import { HAND_BACK_JOB } from './run-scripts.js';
import { jobIdOf, type StepJobData } from './step-job-data.js';
import { RetryLater } from './step-queue.js';
import { bullReadyAt } from '../../observability/bull-queue-wait.js';
import { StepQueueWait } from '../../observability/step-queue-wait.js';

/** How long an attempt runs before its `step.started` is committed on its own (a quicker one sends it with its outcome). */
const START_COMMIT_DELAY_MS = 50;

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
  /** How long a draining worker lets its running steps finish before handing them back, in ms. */
  drainGraceMs: number;
  /** Names this process (`host:pid`) in `step.started` events. */
  workerId: string;
  /** Passes steps' `ctx.progress` on to followers. */
  relay: ProgressRelay;
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
  private readonly queueWait = new StepQueueWait('bull');
  private draining = false;
  private idle?: () => void;
  private handBack?: (keys: string[], args: string[]) => Promise<number>;
  driver!: RunDriver;

  constructor(private readonly deps: StepWorkerDeps) {
    deps.command.defineCommand('batonHandBackJob', { numberOfKeys: 4, lua: HAND_BACK_JOB });
  }

  /** Whether this process can take a step straight from a commit now. */
  canClaim(): boolean {
    return !this.draining;
  }

  /** Runs one Bull job, then, in the same slot, each step its commits claimed (a chain runs here to its end). */
  async process(job: Bull.Job<StepJobData>): Promise<void> {
    const data = job.data;
    const registered = this.deps.registry.get(data.workflow);
    if (data.kind === 'timeout') {
      const error = new WorkflowTimeoutError(registered.graph.timeoutMs ?? 0, {
        workflow: registered.name,
        runId: data.runId,
      });
      await this.driver.apply(registered, data.runId, {
        type: 'run.timeout',
        at: Date.now(),
        error: serializeError(error),
      });
      return;
    }
    if (data.kind === 'timer') {
      await this.fireTimer(registered, data);
      return;
    }
    const attempt = (data.attempt ?? 1) + job.attemptsMade;
    if (this.draining) {
      // Bull handed it over as the pause began: give it straight back for another worker.
      await this.giveBack(data, attempt, job);
      return;
    }
    let next = await this.track(data, attempt, job, () => this.execute(registered, data, attempt, job));
    while (next) {
      const claimed = next;
      const claimedData: StepJobData = {
        kind: 'step',
        runId: claimed.runId,
        workflow: claimed.workflow.name,
        step: claimed.step,
        ...(claimed.index !== undefined && { index: claimed.index }),
        ...(claimed.iteration !== undefined && { iteration: claimed.iteration }),
      };
      if (this.draining) {
        // Claimed as the drain began: the queue takes it from here.
        await this.giveBack(claimedData, 1);
        return;
      }
      next = await this.track(claimedData, 1, undefined, () =>
        this.execute(claimed.workflow, claimedData, 1, undefined, claimed.state),
      );
    }
  }

  /** Aborts a step running here (a `control` message: its run ended, or one of its items failed). */
  abort(runId: string, step: string, index: number | undefined, iteration: number | undefined, reason: Error): void {
    const key = stepKey(runId, step, index, iteration);
    (this.inFlight.get(key) ?? this.inFlight.get(`${key}:expand`))?.controller.abort(reason);
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
    await Promise.all(left.map((step) => this.giveBack(step.data, step.attempt, step.job).catch(() => undefined)));
    for (const step of left) {
      const { runId, workflow, step: name } = step.data;
      step.controller.abort(
        new StepAbortedError('its worker is shutting down; the step was handed back to the queue', {
          runId,
          workflow,
          step: name!,
        }),
      );
    }
    await Promise.race([
      Promise.allSettled(left.map((step) => step.done)),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
  }

  /** Hands a step back to the queue: its Bull job to the head of the wait list, or (claimed) as a new job. */
  private async giveBack(data: StepJobData, attempt: number, job?: Bull.Job<StepJobData>): Promise<void> {
    const { queue, command } = this.deps;
    if (job) {
      const id = String(job.id);
      await (command as unknown as { batonHandBackJob(...args: string[]): Promise<number> }).batonHandBackJob(
        queue.toKey('active'),
        queue.toKey('wait'),
        job.lockKey(),
        queue.toKey(id),
        id,
        (queue as unknown as { token: string }).token,
      );
    } else {
      const registered = this.deps.registry.get(data.workflow);
      await this.driver.enqueue(registered, { ...data, attempt });
    }
  }

  private async track<T>(
    data: StepJobData,
    attempt: number,
    job: Bull.Job<StepJobData> | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    const key = jobIdOf(data);
    const controller = new AbortController();
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.inFlight.set(key, { controller, data, attempt, done, ...(job && { job }) });
    try {
      return await run();
    } finally {
      this.inFlight.delete(key);
      finish();
      if (this.inFlight.size === 0) this.idle?.();
    }
  }

  /**
   * One attempt of a step (or an expansion), from its `step.started` commit to its outcome's commit.
   * Resolves with the step its outcome's commit claimed for this worker, if any.
   */
  private async execute(
    registered: RegisteredWorkflow,
    data: StepJobData,
    attempt: number,
    job?: Bull.Job<StepJobData>,
    claimedState?: RunState,
  ): Promise<ClaimedStep | undefined> {
    const controller = this.inFlight.get(jobIdOf(data))!.controller;
    const step = data.step!;
    const at = eventAt({ ...data, step });
    const begun = claimedState ? { state: claimedState } : await this.begin(registered, data);
    if (!begun) return undefined; // the step is not due (settled, its run ended, or the run is gone)
    const { state } = begun;
    let chain: Promise<unknown> = Promise.resolve();
    let claimed: ClaimedStep | undefined;
    const claim = (step: ClaimedStep): void => {
      claimed = step;
    };
    // A claimed step's start is in the commit that claimed it. Any other attempt's `step.started` (with the
    // time it really started) goes out with the attempt's first report, or on its own once the attempt has
    // run for START_COMMIT_DELAY_MS: a quick step costs one commit, a slow one shows as started at once.
    const startedAt = Date.now();
    const started: CoordinatorEvent[] =
      claimedState || data.kind === 'expand'
        ? []
        : [{ type: 'step.started', at: startedAt, ...at, attempt, worker: this.deps.workerId }];
    const takeStarted = (): CoordinatorEvent[] => started.splice(0);
    const report = (event: CoordinatorEvent): void => {
      const settles =
        event.type === 'step.succeeded' || event.type === 'step.recovered' || event.type === 'step.expanded';
      const events = [...takeStarted(), event];
      chain = chain.then(() =>
        this.driver.apply(registered, data.runId, events, {
          ...(settles && { claim }),
          ...(event.type === 'step.expanded' && { fields: items }),
        }),
      );
    };
    const startTimer =
      started.length === 0
        ? undefined
        : setTimeout(() => {
            const events = takeStarted();
            if (events.length > 0) chain = chain.then(() => this.driver.apply(registered, data.runId, events));
          }, START_COMMIT_DELAY_MS);
    let items: string[] = [];
    const inputClass = registered.compiled.inputClass;
    // The cast is needed by the build (the SDK's declaration of `Type`), not by the source view lint has.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const input = inputClass ? plainToInstance(inputClass as new () => object, state.input as object) : state.input;
    const failures = joinFailures(registered.graph, state.steps, step);
    const stepJob: StepJob = {
      workflow: registered,
      runId: data.runId,
      step,
      input,
      results: resultsView(state),
      signal: controller.signal,
      report,
      ...(data.iteration !== undefined && { iteration: data.iteration }),
      ...(failures && { failures }),
      ...(state.steps[step]?.received !== undefined && { received: state.steps[step].received }),
      progress: (progress) => this.publishProgress(data.runId, at, progress),
    };
    if (data.failWith) {
      // A wait that timed out: no attempt, only its failure to settle (the fallback may recover).
      clearTimeout(startTimer);
      started.splice(0);
      await this.deps.executor.settleFailure(stepJob, reviveError(data.failWith, { runId: data.runId }), 0);
      await chain;
      return claimed;
    }
    if (data.kind === 'expand') {
      let expanded: CoordinatorEvent | undefined;
      stepJob.report = (event) => {
        if (event.type === 'step.expanded') expanded = event;
        else report(event);
      };
      const list = await this.deps.executor.expand(stepJob);
      if (list !== undefined && expanded) {
        items = list.flatMap((item, index) => [itemField(step, index), JSON.stringify(item ?? null)]);
        report(expanded);
      }
      await chain;
      return claimed;
    }
    if (data.index !== undefined) {
      stepJob.index = data.index;
      stepJob.item =
        'item' in begun
          ? begun.item
          : JSON.parse(
              (await this.deps.command.hget(this.deps.keys.run(data.runId), itemField(step, data.index))) ?? 'null',
            );
    }
    // Queue wait: from when the job's attempt became due; a claimed step started in the commit that made it due.
    this.queueWait.record(registered.name, step, job ? bullReadyAt(job) : startedAt, startedAt);
    const outcome = await this.deps.executor.runAttempt(stepJob, attempt, true);
    clearTimeout(startTimer);
    if (outcome.kind === 'succeeded') {
      const usage = outcome.usage && { usage: outcome.usage };
      report({ type: 'step.succeeded', at: Date.now(), ...at, attempt, output: outcome.output, ...usage });
    } else if (outcome.kind === 'failed') {
      const delayMs = this.deps.executor.retryAfter(stepJob, outcome.error, attempt, outcome.usage);
      if (delayMs !== undefined) {
        await chain;
        if (job) {
          // Bull keeps no time for when a retry is due: the job's data carries it, for that attempt's queue wait.
          await job.update({ ...data, readyAt: Date.now() + delayMs }).catch(() => undefined);
          throw new RetryLater(delayMs, outcome.error); // Bull schedules the next attempt
        }
        await this.driver.enqueue(registered, { ...data, attempt: attempt + 1 }, delayMs);
        return undefined;
      }
      await this.deps.executor.settleFailure(stepJob, outcome.error, attempt, outcome.usage);
    }
    await chain;
    return claimed;
  }

  /**
   * A waiting step's timer fired: reports `step.wait-expired` (the coordinator ignores it if the step no
   * longer waits). A delay computed by a `@Delay` function is computed here first, then waited for as a
   * delayed job of its own.
   */
  private async fireTimer(registered: RegisteredWorkflow, data: StepJobData): Promise<void> {
    const step = data.step!;
    const pass = data.iteration !== undefined ? { iteration: data.iteration } : {};
    if (!data.compute) {
      await this.driver.apply(registered, data.runId, {
        type: 'step.wait-expired',
        at: Date.now(),
        step,
        ...pass,
        timer: data.timer!,
      });
      return;
    }
    const state = await this.deps.writer.read(data.runId);
    const waiting = state?.steps[step];
    if (!state || state.status !== 'running' || waiting?.status !== 'waiting') return;
    if ((waiting.iteration ?? 1) !== (data.iteration ?? 1)) return;
    const stepJob: StepJob = {
      workflow: registered,
      runId: data.runId,
      step,
      input: state.input,
      results: resultsView(state),
      signal: new AbortController().signal,
      report: (event) => void this.driver.apply(registered, data.runId, event),
      ...pass,
    };
    const ms = await this.deps.executor.delayOf(stepJob);
    if (ms === undefined) return;
    const { compute: _compute, ...timer } = data;
    await this.driver.enqueue(registered, timer, ms);
  }

  /** Passes a step's `ctx.progress` on to every process following the run (see ProgressRelay). */
  private publishProgress(
    runId: string,
    at: { step: string; index?: number; iteration?: number },
    data: unknown,
  ): void {
    this.deps.relay.publish({ runId, ts: Date.now(), ...at, data });
  }

  /**
   * Reads what an attempt needs, and whether it is still due, in one round trip: the run's metadata and
   * input, the step, its upstream steps (their outputs are its `ctx.results`) and its forEach item. An
   * expansion checks it is due against the run's latest state instead. Resolves undefined when not due.
   */
  private async begin(
    registered: RegisteredWorkflow,
    data: StepJobData,
  ): Promise<{ state: RunState; item?: unknown } | undefined> {
    const step = data.step!;
    const isDue = (state: RunState): boolean => {
      const s = state.steps[step];
      if (state.status !== 'running' || s?.status !== 'running') return false;
      if ((s.iteration ?? 1) !== (data.iteration ?? 1)) return false; // a job of an earlier loop pass
      if (data.index !== undefined) return s.itemsState?.running.includes(data.index) === true;
      return data.kind === 'expand' ? s.itemsState === undefined : true;
    };
    if (data.kind === 'expand') {
      let due: RunState | undefined;
      await this.deps.writer.apply(data.runId, (state) => {
        due = isDue(state) ? state : undefined;
        return { transition: { state, actions: [], events: [] } };
      });
      return due && { state: due };
    }
    const upstream = ancestorsOf(registered.graph, step);
    const fields = [
      'meta',
      'input',
      stepField(step),
      ...upstream.map(stepField),
      ...(data.index === undefined ? [] : [itemField(step, data.index)]),
    ];
    const values = await this.deps.command.hmget(this.deps.keys.run(data.runId), ...fields);
    if (values[0] === null || values[0] === undefined || values[2] === null || values[2] === undefined)
      return undefined;
    const steps: Record<string, StepState> = {};
    for (let i = 2; i < 3 + upstream.length; i++) {
      const json = values[i];
      if (json !== null && json !== undefined) {
        const parsed = JSON.parse(json) as StepState;
        steps[parsed.name] = parsed;
      }
    }
    const state = {
      ...(JSON.parse(values[0]) as Omit<RunState, 'steps' | 'input'>),
      input: JSON.parse(values[1] ?? 'null') as unknown,
      steps,
    };
    if (!isDue(state)) return undefined;
    const item = data.index === undefined ? undefined : values.at(-1);
    return { state, ...(item !== null && item !== undefined && { item: JSON.parse(item) as unknown }) };
  }
}
