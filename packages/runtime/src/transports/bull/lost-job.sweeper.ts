import type { StepKind } from '@baton/sdk';
import type { RunState } from '../../coordinator/run-state.js';
import type { RedisRunStore } from './redis-run.store.js';
import { jobIdOf, type StepJobData } from './step-job-data.js';

/** A job a running run's state says should exist, and the worker that last started its step (if any). */
interface ExpectedJob {
  data: StepJobData;
  worker?: string;
}

/**
 * The jobs a running run's state says should exist: one per running step, item or pending expansion, and
 * the timer of each waiting step whose wait ends at a known time (a signal's timeout, a fixed delay).
 */
export function expectedJobs(state: RunState, kindOf: (step: string) => StepKind | undefined): ExpectedJob[] {
  const jobs: ExpectedJob[] = [];
  for (const step of Object.values(state.steps)) {
    if (step.status === 'waiting' && step.waitingFor?.until !== undefined) {
      const timer = step.waitingFor.delay ? 'delay' : 'timeout';
      const pass = step.iteration !== undefined && step.iteration > 1 ? { iteration: step.iteration } : {};
      const { runId, workflow } = state;
      jobs.push({
        data: { kind: 'timer', runId, workflow, step: step.name, timer, until: step.waitingFor.until, ...pass },
      });
    }
    if (step.status !== 'running') continue;
    const base = {
      runId: state.runId,
      workflow: state.workflow,
      step: step.name,
      ...(step.iteration !== undefined && step.iteration > 1 && { iteration: step.iteration }),
    };
    const worker = step.worker === undefined ? {} : { worker: step.worker };
    if (kindOf(step.name) !== 'forEach')
      jobs.push({ data: { kind: 'step', ...base, attempt: Math.max(1, step.attempts) }, ...worker });
    else if (step.itemsState)
      for (const index of step.itemsState.running) jobs.push({ data: { kind: 'step', ...base, index } });
    else jobs.push({ data: { kind: 'expand', ...base } });
  }
  return jobs;
}

/**
 * Finds steps whose run says they are running but whose job is gone: a process died between committing a
 * transition and enqueuing its jobs, or a worker died running a step it had claimed from a commit (such a
 * step has no job while its worker lives, so it counts as lost only once that worker's heartbeat has
 * expired). A job must be missing on two consecutive sweeps, with the run still saying it runs, before it
 * is reported, so a job that just completed is never mistaken for a lost one.
 */
export class LostJobSweeper {
  private suspects = new Set<string>();

  constructor(
    private readonly store: RedisRunStore,
    private readonly jobExists: (jobId: string) => Promise<boolean>,
    private readonly kindOf: (workflow: string, step: string) => StepKind | undefined,
    /** Whether the worker that last started a step is gone (its heartbeat expired). */
    private readonly workerGone: (workerId: string) => Promise<boolean>,
  ) {}

  /** One sweep: resolves with the jobs to enqueue again. */
  async sweep(): Promise<StepJobData[]> {
    const lost: StepJobData[] = [];
    const missing = new Set<string>();
    for (const runId of await this.store.running()) {
      const state = await this.store.get(runId);
      if (!state || state.status !== 'running') continue;
      for (const { data, worker } of expectedJobs(state, (step) => this.kindOf(state.workflow, step))) {
        const jobId = jobIdOf(data);
        if (await this.jobExists(jobId)) continue;
        if (worker !== undefined && !(await this.workerGone(worker))) continue;
        missing.add(jobId);
        if (this.suspects.has(jobId)) lost.push(data);
      }
    }
    this.suspects = missing;
    return lost;
  }
}
