import type { Redis } from 'ioredis';
import type { WorkflowGraph } from '@baton/sdk';
import { transition, type Transition } from '../../coordinator/coordinator.js';
import type { CoordinatorEvent } from '../../coordinator/coordinator-event.js';
import type { RunState } from '../../coordinator/run-state.js';
import { cutPayload } from '../../events/cut-payload.js';
import type { RedisRunStore } from '../../store/redis-run.store.js';

/** Retries of one transition when another process changed the run first. */
const MAX_CONFLICTS = 200;

/**
 * Applies coordinator transitions to runs kept in Redis, atomically: WATCH the run, read it, compute the
 * transition, and MULTI/EXEC the new state, its trace events and their PUBLISH; on a conflict (another
 * worker changed the run meanwhile) start again. So two parallel steps finishing at once start the join
 * exactly once, and a duplicated result is applied at most once (the coordinator ignores it).
 */
export class RunLedger {
  private readonly idle: Redis[] = [];
  private readonly waiting: Array<(redis: Redis) => void> = [];

  /**
   * @param connections - dedicated connections, one per transaction in flight (WATCH is per connection)
   */
  constructor(
    connections: readonly Redis[],
    private readonly store: RedisRunStore,
    private readonly channel: string,
    private readonly maxPayloadBytes: number,
    private readonly finishedRunTtlMs: number,
  ) {
    this.idle.push(...connections);
  }

  /** Applies one event to a run; resolves with the transition, or undefined if the run is unknown. */
  async apply(graph: WorkflowGraph, runId: string, event: CoordinatorEvent): Promise<Transition | undefined> {
    const redis = await this.acquire();
    try {
      return await this.applyOn(redis, graph, runId, event);
    } finally {
      this.release(redis);
    }
  }

  private async applyOn(redis: Redis, graph: WorkflowGraph, runId: string, event: CoordinatorEvent): Promise<Transition | undefined> {
    const key = this.store.runKey(runId);
    for (let conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
      await redis.watch(key);
      const json = await redis.get(key);
      if (json === null) {
        await redis.unwatch();
        return undefined;
      }
      const result = transition(graph, JSON.parse(json) as RunState, event);
      if (result.events.length === 0 && result.actions.length === 0) {
        await redis.unwatch();
        return result;
      }
      const exec = await this.commit(redis.multi(), result).exec();
      if (exec !== null) return result;
      // Retry at once the first time (the conflict is usually a sibling step's commit); back off after that.
      if (conflict > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, conflict)));
    }
    throw new Error(`Run ${runId}: gave up applying ${event.type} after ${MAX_CONFLICTS} conflicting updates`);
  }

  /** Writes a transition that needs no WATCH (a run's first one, which nobody else can see yet). */
  async create(result: Transition, idempotencyKey?: string): Promise<void> {
    await this.store.create(result.state, idempotencyKey);
    const redis = await this.acquire();
    try {
      // The store has just written the state; a run still running needs only its first events.
      await this.commit(redis.multi(), result, false).exec();
    } finally {
      this.release(redis);
    }
  }

  private acquire(): Promise<Redis> {
    const redis = this.idle.pop();
    return redis ? Promise.resolve(redis) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(redis: Redis): void {
    const next = this.waiting.shift();
    if (next) next(redis);
    else this.idle.push(redis);
  }

  private commit(multi: ReturnType<Redis['multi']>, { state, events }: Transition, writeState = true): ReturnType<Redis['multi']> {
    const finished = state.status !== 'running';
    if (finished) {
      multi.set(this.store.runKey(state.runId), JSON.stringify(state), 'PX', this.finishedRunTtlMs).srem(this.store.runningKey, state.runId);
    } else if (writeState) {
      multi.set(this.store.runKey(state.runId), JSON.stringify(state));
    }
    if (events.length > 0) {
      const cut = events.map((event) => cutPayload(event, this.maxPayloadBytes));
      multi.rpush(this.store.eventsKey(state.runId), ...cut.map((e) => JSON.stringify(e)));
      if (finished) multi.pexpire(this.store.eventsKey(state.runId), this.finishedRunTtlMs);
      multi.publish(this.channel, JSON.stringify(cut));
    }
    return multi;
  }
}
