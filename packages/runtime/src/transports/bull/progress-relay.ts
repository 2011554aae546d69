import type { Redis } from 'ioredis';
import { Observable } from 'rxjs';
import type { EventBus } from '../../events/event-bus.js';
import { boundedProgress, PROGRESS_TAIL, type ProgressEvent } from '../../events/progress-event.js';
import type { RedisKeys } from './redis-keys.js';

/** How long a run's progress tail outlives its last progress, in ms. */
const TAIL_TTL_MS = 60 * 60 * 1000;

/**
 * `ctx.progress` across processes: the worker running the step publishes each event and keeps the run's
 * last {@link PROGRESS_TAIL} in a capped Redis list (expiring an hour after the last one); a follower
 * reads that tail, then the live events this process receives on the progress channel. Nothing else is
 * stored: progress is not part of the trace.
 */
export class ProgressRelay {
  private following?: Promise<unknown>;

  constructor(
    private readonly command: Redis,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
    private readonly bus: EventBus,
  ) {}

  /** Publishes a step's progress and appends it to its run's tail (one pipeline; failures are dropped). */
  publish(event: ProgressEvent): void {
    const json = JSON.stringify(boundedProgress(event));
    const tail = this.keys.progressTail(event.runId);
    void this.command
      .pipeline()
      .rpush(tail, json)
      .ltrim(tail, -PROGRESS_TAIL, -1)
      .pexpire(tail, TAIL_TTL_MS)
      .publish(this.keys.progressChannel, json)
      .exec()
      .catch(() => undefined);
  }

  /** A progress message from the channel, for this process's followers. */
  receive(message: string): void {
    this.bus.progress(JSON.parse(message) as ProgressEvent);
  }

  /** Progress of every run (live), or of one (its tail from Redis first, then live, without repeats). */
  follow(runId?: string): Observable<ProgressEvent> {
    this.following ??= this.subscriber.subscribe(this.keys.progressChannel).catch(() => {
      this.following = undefined;
    });
    const live = this.bus.progressOf();
    if (runId === undefined) return live;
    return new Observable<ProgressEvent>((subscriber) => {
      const early: ProgressEvent[] = [];
      let replayed = false;
      let seen = new Set<string>();
      const subscription = live.subscribe((event) => {
        if (event.runId !== runId) return;
        if (!replayed) early.push(event);
        else if (!seen.has(JSON.stringify(event))) subscriber.next(event);
      });
      void this.command
        .lrange(this.keys.progressTail(runId), 0, -1)
        .catch(() => [] as string[])
        .then((tail) => {
          seen = new Set(tail);
          for (const json of tail) subscriber.next(JSON.parse(json) as ProgressEvent);
          for (const event of early) if (!seen.has(JSON.stringify(event))) subscriber.next(event);
          replayed = true;
        });
      return () => subscription.unsubscribe();
    });
  }
}
