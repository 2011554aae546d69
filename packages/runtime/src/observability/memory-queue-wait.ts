import type { CoordinatorEvent } from '../coordinator/coordinator-event.js';
import { stepKey } from '../execution/step-key.js';
import { StepQueueWait } from './step-queue-wait.js';

/** Runs whose due attempts this process remembers at most; the oldest run is dropped beyond this. */
const MAX_RUNS = 10_000;

/**
 * The queue wait of the memory transport's step attempts: from when an attempt became due (the coordinator
 * scheduled the step, or its retry backoff ended) to its `step.started` (after it got a concurrency slot).
 * A `@WaitFor`/`@Delay` step is scheduled only once its signal or timer has fired, so waits are not counted.
 */
export class MemoryQueueWait {
  private readonly metric = new StepQueueWait('memory');
  /** When each due attempt became due, by run and then by step key (`runId:step[:index][#pass]`). */
  private readonly due = new Map<string, Map<string, number>>();

  /** The coordinator scheduled a step (or item) of `runId` at `at` (a `run-step` action). */
  scheduled(runId: string, step: { step: string; index?: number; iteration?: number }, at: number): void {
    if (!this.metric.enabled()) return; // nothing is tracked until an application registers a meter provider
    this.dueAt(runId, stepKey(runId, step.step, step.index, step.iteration), at);
  }

  /** Sees each event fed to the coordinator: a `step.started` ends a wait, a `step.retrying` starts one. */
  observe(workflow: string, runId: string, event: CoordinatorEvent): void {
    if (event.type !== 'step.started' && event.type !== 'step.retrying') return;
    if (event.type === 'step.started' && this.due.size === 0) return; // nothing due: no provider, or none yet
    if (event.type === 'step.retrying' && !this.metric.enabled()) return;
    const key = stepKey(runId, event.step, event.index, event.iteration);
    if (event.type === 'step.retrying') {
      // The next attempt is due once its backoff is over: the backoff is not queue wait.
      this.dueAt(runId, key, event.at + event.delayMs);
      return;
    }
    const run = this.due.get(runId);
    const readyAt = run?.get(key);
    if (readyAt === undefined) return;
    run!.delete(key);
    this.metric.record(workflow, event.step, readyAt, event.at);
  }

  /** Forgets a run that ended (its attempts that never started recorded nothing). */
  forget(runId: string): void {
    this.due.delete(runId);
  }

  private dueAt(runId: string, key: string, at: number): void {
    let run = this.due.get(runId);
    if (!run) {
      if (this.due.size >= MAX_RUNS) this.due.delete(this.due.keys().next().value!);
      run = new Map();
      this.due.set(runId, run);
    }
    run.set(key, at);
  }
}
