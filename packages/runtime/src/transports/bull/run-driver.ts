import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { instanceToPlain } from 'class-transformer';
import { serializeError, WorkflowVersionError, type StepKind } from '@baton/sdk';
import { startRun, transition, type Transition } from '../../coordinator/coordinator.js';
import type { CoordinatorAction } from '../../coordinator/coordinator-action.js';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import { migrateRun, planMigration, recordedGraph } from '../../coordinator/graph-migration.js';
import { indexGraph } from '../../coordinator/graph-index.js';
import type { RunState } from '../../coordinator/run-state.js';
import type { RegisteredWorkflow } from '../../discovery/registered-workflow.js';
import { checkOutput } from '../../execution/check-output.js';
import { existingRun } from '../existing-run.js';
import type { StartRequest } from '../transport.js';
import { assertJson } from './json-value.js';
import type { RedisKeys } from './redis-keys.js';
import { encodeOrder } from './run-codec.js';
import type { RunChange, RunWriter } from './run-writer.js';
import { jobIdOf, type StepJobData } from './step-job-data.js';
import { eventAt } from '../../execution/step-key.js';

/** A step this worker took straight from the commit that scheduled it, instead of through the queue. */
export interface ClaimedStep {
  workflow: RegisteredWorkflow;
  runId: string;
  step: string;
  index?: number;
  /** The loop pass (absent means 1). */
  iteration?: number;
  /** The run as committed with the claim (its settled steps' outputs are the step's results). */
  state: RunState;
}

/** Options of {@link RunDriver.apply}. */
export interface ApplyOptions {
  /**
   * Lets this worker claim the one step the transition schedules (see {@link RunDriver}): called with it
   * once the commit that records the claim has landed; the caller must then run it (or enqueue it).
   */
  claim?: (claimed: ClaimedStep) => void;
  /** Extra field/value pairs written with the commit (a forEach step's items). */
  fields?: string[];
}

/** What the driver needs from the process it runs in. */
export interface RunDriverHooks {
  /** Names this process in `step.started` events. */
  workerId: string;
  /** Largest step output, in bytes of JSON (`maxOutputBytes`). */
  maxOutputBytes: number;
  /** Whether this process can take a step straight from a commit now (a worker, not draining). */
  canClaim(): boolean;
}

/**
 * Moves runs kept in Redis: starts them and feeds events to the coordinator, each transition one commit
 * of the {@link RunWriter}, then performs its actions (enqueue step jobs, publish aborts). Before applying
 * an event it checks the run's graph version: a run recorded under a version this worker can continue is
 * migrated in the same commit; one it cannot is failed with a {@link WorkflowVersionError}.
 *
 * One queue hop per step is saved where it matters most: when a commit schedules steps and the worker
 * that made it asks to (`claim`), the same commit records the first one's start on this worker, which
 * runs it at once in the same queue slot (a chain runs on one worker to its end; a fan-out's other
 * branches go through the queue to every worker). A worker that dies with a claimed step leaves it `running` with its `worker`
 * named and no job; the lost-job sweeper re-enqueues it once that worker's heartbeat has expired.
 */
export class RunDriver {
  constructor(
    private readonly writer: RunWriter,
    private readonly queue: Bull.Queue<StepJobData>,
    private readonly command: Redis,
    private readonly keys: RedisKeys,
    private readonly hooks: RunDriverHooks,
  ) {}

  /** Records a new run (or finds the one its idempotency key names) and enqueues its first steps. */
  async start(request: StartRequest): Promise<string> {
    const { workflow, runId } = request;
    // The input crosses Redis as plain JSON; workers turn it back into the input class.
    const input = workflow.compiled.inputClass ? instanceToPlain(request.input) : request.input;
    assertJson(input, `The input of ${workflow.name}`, { workflow: workflow.name, runId });
    const first = startRun(workflow.graph, {
      runId,
      input,
      at: Date.now(),
      ...(request.parentRunId !== undefined && { parentRunId: request.parentRunId }),
      ...(request.rerunOf !== undefined && { rerunOf: request.rerunOf }),
      ...(request.reuse !== undefined && { reuse: request.reuse }),
    });
    const outcome = await this.writer.create(first, workflow.graph, request.idempotency);
    if (!outcome.created) return existingRun(request, outcome);
    const timeoutMs = workflow.graph.timeoutMs;
    if (timeoutMs !== undefined && first.state.status === 'running') {
      const data: StepJobData = { kind: 'timeout', runId, workflow: workflow.name };
      await this.queue.add(data, {
        jobId: jobIdOf(data),
        delay: timeoutMs,
        removeOnComplete: true,
        removeOnFail: true,
      });
    }
    await this.perform(workflow, runId, first.actions);
    return runId;
  }

  /**
   * Applies one event (or several, in order) to a run in one commit and performs the actions they
   * produced. Resolves with the transition, or undefined when the run does not exist.
   */
  async apply(
    registered: RegisteredWorkflow,
    runId: string,
    event: CoordinatorEvent | readonly CoordinatorEvent[],
    options: ApplyOptions = {},
  ): Promise<Transition | undefined> {
    let claimed: ClaimedStep | undefined;
    const events = Array.isArray(event) ? (event as readonly CoordinatorEvent[]) : [event as CoordinatorEvent];
    const result = await this.writer.apply(runId, (state, kinds) => {
      claimed = undefined;
      const change = this.change(registered, state, kinds, events, options);
      claimed = change.claimed;
      return change;
    });
    if (!result) return undefined;
    await this.perform(registered, runId, result.actions, claimed);
    if (claimed) options.claim!(claimed);
    return result;
  }

  /** Enqueues the jobs of `actions` (all but a claimed step's) and publishes aborts. */
  async perform(
    registered: RegisteredWorkflow,
    runId: string,
    actions: readonly CoordinatorAction[],
    claimed?: { step: string; index?: number; iteration?: number },
  ): Promise<void> {
    const jobs: StepJobData[] = [];
    const pending: Array<Promise<unknown>> = [];
    for (const action of actions) {
      if (action.type === 'run-step' || action.type === 'expand') {
        if (
          claimed &&
          action.type === 'run-step' &&
          action.step === claimed.step &&
          action.index === claimed.index &&
          action.iteration === claimed.iteration
        )
          continue;
        jobs.push({
          kind: action.type === 'expand' ? 'expand' : 'step',
          runId,
          workflow: registered.name,
          step: action.step,
          ...(action.type === 'run-step' && action.index !== undefined && { index: action.index }),
          ...(action.iteration !== undefined && { iteration: action.iteration }),
          ...(action.type === 'run-step' && action.failWith && { failWith: action.failWith }),
        });
      } else if (action.type === 'start-timer') {
        const { step, iteration, timer, ms } = action;
        const data: StepJobData = {
          kind: 'timer',
          runId,
          workflow: registered.name,
          step,
          timer,
          ...(iteration !== undefined && { iteration }),
          ...(ms === undefined ? { compute: true } : { until: Date.now() + ms }),
        };
        pending.push(this.enqueue(registered, data, ms));
      } else if (action.type === 'abort-step') {
        const { step, index, iteration, reason } = action;
        pending.push(
          this.command.publish(this.keys.controlChannel, JSON.stringify({ runId, step, index, iteration, reason })),
        );
      }
    }
    // A fan-out's jobs go in one round trip (Bull's addBulk is one MULTI).
    if (jobs.length === 1) pending.push(this.enqueue(registered, jobs[0]));
    else if (jobs.length > 1)
      pending.push(this.queue.addBulk(jobs.map((data) => ({ data, opts: this.jobOptions(registered, data) }))));
    await Promise.all(pending);
  }

  /** Adds a step job; `attempt` above 1 (and `delayMs`) continue a step whose earlier attempts ran elsewhere. */
  enqueue(registered: RegisteredWorkflow, data: StepJobData, delayMs?: number): Promise<unknown> {
    return this.queue.add(data, {
      ...this.jobOptions(registered, data),
      ...(delayMs !== undefined && delayMs > 0 && { delay: delayMs }),
    });
  }

  /** A step job's options: its id (re-adding is a no-op), the attempts left and Baton's backoff. */
  private jobOptions(registered: RegisteredWorkflow, data: StepJobData): Bull.JobOptions {
    const policy = data.kind === 'step' ? indexGraph(registered.graph).nodes.get(data.step!)?.retry : undefined;
    const attempts = Math.max(1, (policy?.attempts ?? 1) - ((data.attempt ?? 1) - 1));
    return { jobId: jobIdOf(data), attempts, backoff: { type: 'baton' }, removeOnComplete: true, removeOnFail: true };
  }

  private change(
    registered: RegisteredWorkflow,
    state: RunState,
    kinds: Readonly<Record<string, StepKind>>,
    events: readonly CoordinatorEvent[],
    options: ApplyOptions,
  ): RunChange & { claimed?: ClaimedStep } {
    const graph = registered.graph;
    const plan = planMigration(state, graph, kinds);
    if (plan.kind === 'incompatible') {
      const error = new WorkflowVersionError(state.version, graph.version, plan.problems, {
        workflow: registered.name,
        runId: state.runId,
      });
      const failed = { ...serializeError(error) };
      delete failed.stack;
      return {
        transition: transition(recordedGraph(graph, state, kinds), state, {
          type: 'run.fail',
          at: Date.now(),
          error: failed,
        }),
      };
    }
    const migrated = plan.kind === 'compatible';
    if (migrated) migrateRun(state, graph, plan.added);
    const result: Transition = { state, actions: [], events: [] };
    for (const event of events) {
      const next = transition(graph, state, outputChecked(registered, state.runId, event, this.hooks.maxOutputBytes));
      result.events.push(...next.events);
      result.actions.push(...next.actions);
    }
    const change: RunChange & { claimed?: ClaimedStep } = {
      transition: result,
      ...(migrated && {
        touched: plan.added,
        fields: [...encodeOrder(graph), ...(options.fields ?? [])],
        kinds: Object.fromEntries(graph.steps.map((n) => [n.name, n.kind])),
      }),
      ...(!migrated && options.fields && { fields: options.fields }),
    };
    if (options.claim && state.status === 'running') {
      // The first step the transition schedules runs here; any others go through the queue to any worker.
      const first = result.actions.find((a) => a.type === 'run-step' || a.type === 'expand');
      if (first?.type === 'run-step' && !first.failWith && this.hooks.canClaim()) {
        const at = eventAt(first);
        const started = transition(graph, state, {
          type: 'step.started',
          at: Date.now(),
          ...at,
          attempt: 1,
          worker: this.hooks.workerId,
        });
        result.events.push(...started.events);
        result.actions.push(...started.actions);
        change.claimed = { workflow: registered, runId: state.runId, ...at, state };
      }
    }
    return change;
  }
}

/** Replaces an event whose output is not JSON, too deep or too large by a `step.failed` naming the step. */
function outputChecked(
  registered: RegisteredWorkflow,
  runId: string,
  event: CoordinatorEvent,
  maxOutputBytes: number,
): CoordinatorEvent {
  if (event.type !== 'step.succeeded' && event.type !== 'step.recovered' && event.type !== 'run.stop') return event;
  try {
    checkOutput(
      event.output,
      { maxOutputBytes },
      { workflow: registered.name, step: event.step, runId, ...(event.index !== undefined && { index: event.index }) },
    );
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
