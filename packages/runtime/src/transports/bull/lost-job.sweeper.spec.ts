import { describe, expect, it } from 'vitest';
import type { RunState } from '../../coordinator/run-state.js';
import { expectedJobs } from './lost-job.sweeper.js';

const run = (steps: RunState['steps']): RunState => ({
  runId: 'r',
  workflow: 'w',
  version: 'v',
  status: 'running',
  input: null,
  startedAt: 0,
  seq: 1,
  steps,
});

describe('the jobs a running run expects (what the lost-job sweeper re-enqueues)', () => {
  it("expects a waiting step's timer only when its wait ends at a known time, keeping that time", () => {
    const jobs = expectedJobs(
      run({
        approve: { name: 'approve', status: 'waiting', attempts: 0, waitingFor: { signal: 'ok', until: 5_000 } },
        forever: { name: 'forever', status: 'waiting', attempts: 0, waitingFor: { signal: 'ok' } },
        later: {
          name: 'later',
          status: 'waiting',
          attempts: 0,
          iteration: 2,
          waitingFor: { delay: true, until: 9_000 },
        },
        working: { name: 'working', status: 'running', attempts: 1 },
      }),
      () => 'step',
    );
    expect(jobs.map((j) => j.data)).toEqual([
      { kind: 'timer', runId: 'r', workflow: 'w', step: 'approve', timer: 'timeout', until: 5_000 },
      { kind: 'timer', runId: 'r', workflow: 'w', step: 'later', timer: 'delay', until: 9_000, iteration: 2 },
      { kind: 'step', runId: 'r', workflow: 'w', step: 'working', attempt: 1 },
    ]);
  });
});
