import { describe, expect, it } from 'vitest';
import { compileWorkflow, Step, Workflow } from '@baton/sdk';
import { startRun } from '../src/coordinator/coordinator.js';
import type { RunState } from '../src/coordinator/run-state.js';
import type { TraceEvent } from '../src/events/trace-event.js';
import type { RunStore } from '../src/store/run-store.js';

/** How a suite writes runs: each store has its own writer (the memory store itself; the Redis run writer). */
export interface RunSeeder {
  create(state: RunState, idempotencyKey?: string): Promise<void>;
  append(runId: string, events: TraceEvent[]): Promise<void>;
  finish(state: RunState): Promise<void>;
}

@Workflow({ name: 'alpha' })
class Alpha {
  @Step() a() {}
}
@Workflow({ name: 'beta' })
class Beta {
  @Step() b() {}
}
const graphs = { alpha: compileWorkflow(Alpha), beta: compileWorkflow(Beta) };

function newRun(runId: string, workflow: 'alpha' | 'beta' = 'alpha'): RunState {
  return startRun(graphs[workflow], { runId, input: { n: runId }, at: 1_000 }).state;
}

/**
 * The behaviour every {@link RunStore} must have, run against each implementation (memory and Redis),
 * in the manner of BullMQ's backend conformance suite.
 */
export function describeRunStore(
  name: string,
  open: () => Promise<{ store: RunStore; seed: RunSeeder; close(): Promise<void> }>,
): void {
  describe(`RunStore conformance: ${name}`, () => {
    const withStore = async (test: (store: RunStore, seed: RunSeeder) => Promise<void>) => {
      const { store, seed, close } = await open();
      try {
        await test(store, seed);
      } finally {
        await close();
      }
    };

    it('stores and returns a run state as plain JSON', () =>
      withStore(async (store, seed) => {
        const state = newRun('r1');
        await seed.create(state);
        expect(await store.get('r1')).toEqual(JSON.parse(JSON.stringify(state)));
        expect(await store.get('missing')).toBeUndefined();
      }));

    it('appends trace events in order and serves those after a seq', () =>
      withStore(async (store, seed) => {
        await seed.create(newRun('r1'));
        const event = (seq: number) => ({ seq, runId: 'r1', ts: seq, type: 'step.log' as const, data: { seq } });
        await seed.append('r1', [event(1), event(2)]);
        await seed.append('r1', [event(3)]);
        expect((await store.events('r1')).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(await store.events('r1', 2)).toEqual([event(3)]);
        expect(await store.events('unknown')).toEqual([]);
      }));

    it('lists runs newest first, filtered by workflow and status, paged by cursor', () =>
      withStore(async (store, seed) => {
        for (let i = 1; i <= 7; i++) await seed.create(newRun(`r${i}`, i % 2 === 0 ? 'beta' : 'alpha'));
        const done = { ...newRun('r3'), status: 'succeeded' as const, endedAt: 2_000 };
        await seed.finish(done);
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list({ limit: 3, ...(cursor && { cursor }) });
          expect(page.runs.length).toBeLessThanOrEqual(3);
          ids.push(...page.runs.map((r) => r.runId));
          cursor = page.nextCursor;
        } while (cursor);
        expect(ids).toEqual(['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
        expect((await store.list({ workflow: 'beta' })).runs.map((r) => r.runId)).toEqual(['r6', 'r4', 'r2']);
        expect((await store.list({ status: 'succeeded' })).runs).toEqual([
          { runId: 'r3', workflow: 'alpha', status: 'succeeded', startedAt: 1_000, endedAt: 2_000 },
        ]);
        await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toThrow(/Invalid listRuns cursor/);
      }));

    it('finds a run by its idempotency key, per workflow', () =>
      withStore(async (store, seed) => {
        await seed.create(newRun('r1'), 'order-1');
        expect(await store.findByIdempotencyKey('alpha', 'order-1')).toBe('r1');
        expect(await store.findByIdempotencyKey('beta', 'order-1')).toBeUndefined();
        expect(await store.findByIdempotencyKey('alpha', 'order-2')).toBeUndefined();
      }));
  });
}
