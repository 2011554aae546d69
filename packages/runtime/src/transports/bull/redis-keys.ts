/**
 * Every Redis key and pub/sub channel Baton's bull transport uses, named in one place. Nothing else
 * builds a key string: the run writer, the run store, the sweeper and the queue all ask this module.
 *
 * Under `prefix`:
 * - `run:<id>` (hash): `seq`, `meta` (the run without steps and input), `input`, `q` (its listing line but the
 *   status), `st` (its listing status), `order` (step names and kinds),
 *   `s:<step>` (one field per step), `i:<step>:<index>` (a forEach item), `commits` (recent commit tokens)
 * - `run:<id>:events` (list): the trace, one packed event per entry (see `packed-event.ts`), seq n at index n - 1
 * - `runs`, `runs:wf:<workflow>` (sorted sets by creation order): listing
 * - `runs:counter`: the creation order
 * - `runs:listing` (sorted set by creation order): one line per run, `st\nq` (status, start time, workflow, id,
 *   input summary, search text), what a filtered listing scans and counts inside Redis
 * - `runs:expiry` (sorted set of `workflow\n runId` by expiry time): prunes listings as runs expire
 * - `running` (set): ids of unfinished runs, for the sweeper
 * - `idem:<workflow>:<key>`: the run an idempotency key started (`runId\nfingerprint`)
 * - `worker:<id>`: a live worker's heartbeat
 * - `bull:<queue>:*`: Bull's own keys
 * - channels `events` (trace events) and `control` (aborts)
 */
export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** A run's hash. */
  run(runId: string): string {
    return `${this.prefix}:run:${runId}`;
  }

  /** The prefix of {@link run} keys (the listing script builds them from run ids inside Redis). */
  get runPrefix(): string {
    return `${this.prefix}:run:`;
  }

  /** A run's progress tail: the last few `ctx.progress` events (a capped list that expires). */
  progressTail(runId: string): string {
    return `${this.prefix}:progress:${runId}`;
  }

  /** A run's trace list. */
  events(runId: string): string {
    return `${this.prefix}:run:${runId}:events`;
  }

  /** Every run, by creation order. */
  get runs(): string {
    return `${this.prefix}:runs`;
  }

  /** A workflow's runs, by creation order. */
  runsOf(workflow: string): string {
    return `${this.prefix}:runs:wf:${workflow}`;
  }

  /** The prefix of {@link runsOf} keys (the create script prunes expired entries with it). */
  get runsOfPrefix(): string {
    return `${this.prefix}:runs:wf:`;
  }

  /** Every run's listing line (`st` and `q` of its hash), by creation order. */
  get listing(): string {
    return `${this.prefix}:runs:listing`;
  }

  /** The creation order counter. */
  get counter(): string {
    return `${this.prefix}:runs:counter`;
  }

  /** Finished runs by the time their keys expire. */
  get expiry(): string {
    return `${this.prefix}:runs:expiry`;
  }

  /** Ids of unfinished runs. */
  get running(): string {
    return `${this.prefix}:running`;
  }

  /** The run an idempotency key started. */
  idempotency(workflow: string, key: string): string {
    return `${this.prefix}:idem:${workflow}:${key}`;
  }

  /** A worker's heartbeat. */
  worker(workerId: string): string {
    return `${this.prefix}:worker:${workerId}`;
  }

  /** The prefix Bull puts before its queue's keys. */
  get bull(): string {
    return `${this.prefix}:bull`;
  }

  /** The channel trace events are published on (a JSON array per commit). */
  get eventsChannel(): string {
    return `${this.prefix}:events`;
  }

  /** The channel aborts of running steps are published on. */
  get controlChannel(): string {
    return `${this.prefix}:control`;
  }

  /** The channel steps' `ctx.progress` is published on (ephemeral: never stored in Redis). */
  get progressChannel(): string {
    return `${this.prefix}:progress`;
  }
}

/** The hash field of a step's state. */
export const stepField = (step: string): string => `s:${step}`;

/** The hash field of one item of a forEach step. */
export const itemField = (step: string, index: number): string => `i:${step}:${index}`;
