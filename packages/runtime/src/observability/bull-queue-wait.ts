/** The fields of a Bull 4 job (`bull/lib/job.js`) that say when its current attempt became due. */
export interface DueJob {
  /** When the job was added (epoch ms, the adding process's clock). */
  timestamp: number;
  /** The job's delay when it was added (ms); Bull keeps it while the job is delayed. */
  opts: { delay?: number };
  /** Baton's step job data: `readyAt` when a Bull retry moved the job to the delayed set. */
  data: { readyAt?: number };
}

/**
 * When a bull step job's current attempt became due (epoch ms): when its retry backoff ended, for an
 * attempt Bull retried (Bull keeps no such time, so the worker stores it in the job's data
 * before handing the retry to Bull); otherwise when it was added plus its delay. A job handed back by a draining
 * worker or moved back after a stall keeps its first due time: its wait includes the lost attempt.
 */
export function bullReadyAt(job: DueJob): number {
  return job.data.readyAt ?? job.timestamp + (job.opts.delay ?? 0);
}
