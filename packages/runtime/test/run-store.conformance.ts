import { describe, expect, it } from 'vitest';
import { compileWorkflow, Step, Workflow } from '@baton/sdk';
import { startRun } from '../src/coordinator/coordinator.js';
import type { RunState } from '../src/coordinator/run-state.js';
import type { TraceEvent } from '../src/events/trace-event.js';
import type { RunQuery, RunStore } from '../src/store/run-store.js';

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

function newRun(
  runId: string,
  workflow: 'alpha' | 'beta' = 'alpha',
  input: unknown = { n: runId },
  at = 1_000,
): RunState {
  return startRun(graphs[workflow], { runId, input, at }).state;
}

/** Every run id of a listing, page after page, checking each page's total. */
async function allPages(store: RunStore, query: RunQuery, total: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...query, ...(cursor && { cursor }) });
    expect(page.total).toBe(total);
    ids.push(...page.runs.map((r) => r.runId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
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
        const event = (seq: number) => ({
          seq,
          runId: 'r1',
          ts: seq,
          type: 'step.log' as const,
          data: { message: `log ${seq}` },
        });
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
          {
            runId: 'r3',
            workflow: 'alpha',
            status: 'succeeded',
            startedAt: 1_000,
            endedAt: 2_000,
            input: '{"n":"r3"}',
          },
        ]);
        expect((await store.list({ limit: 2 })).total).toBe(7);
        expect((await store.list({ workflow: 'beta', limit: 1 })).total).toBe(3);
        await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toThrow(/Invalid listRuns cursor/);
      }));

    it('searches by a run id fragment or by input text, case-insensitively, with the total of matches', () =>
      withStore(async (store, seed) => {
        await seed.create(newRun('order-A1b2', 'alpha', { customer: 'Ada Lovelace', items: 3 }));
        await seed.create(newRun('order-C3d4', 'beta', { customer: 'Grace Hopper' }));
        await seed.create(newRun('order-E5f6', 'alpha', { customer: 'ada byron' }));
        expect(await allPages(store, { search: 'a1B2' }, 1)).toEqual(['order-A1b2']);
        expect(await allPages(store, { search: 'ADA' }, 2)).toEqual(['order-E5f6', 'order-A1b2']);
        expect(await allPages(store, { search: 'ada', workflow: 'beta' }, 0)).toEqual([]);
        expect(await allPages(store, { search: '"customer":"grace' }, 1)).toEqual(['order-C3d4']);
        expect(await allPages(store, { search: 'order-', limit: 2 }, 3)).toEqual([
          'order-E5f6',
          'order-C3d4',
          'order-A1b2',
        ]);
        expect(await allPages(store, { search: 'nobody' }, 0)).toEqual([]);
      }));

    it('combines status, workflow and an inclusive time range, paging by cursor under the filter', () =>
      withStore(async (store, seed) => {
        for (let i = 1; i <= 12; i++) {
          const state = newRun(`t${i}`, i % 3 === 0 ? 'beta' : 'alpha', { i }, i * 100);
          await seed.create(state);
          if (i % 2 === 0) await seed.finish({ ...state, status: 'succeeded', endedAt: i * 100 + 1 });
        }
        // alpha runs: 1 2 4 5 7 8 10 11; succeeded: the even ones; started 100 × i.
        const query: RunQuery = { workflow: 'alpha', status: 'succeeded', from: 200, to: 1_000, limit: 2 };
        expect(await allPages(store, query, 4)).toEqual(['t10', 't8', 't4', 't2']);
        expect(await allPages(store, { status: 'running', from: 500, limit: 3 }, 4)).toEqual(['t11', 't9', 't7', 't5']);
        expect(await allPages(store, { to: 300 }, 3)).toEqual(['t3', 't2', 't1']);
        expect(await allPages(store, { from: 1_200, to: 1_200 }, 1)).toEqual(['t12']);
        expect(await allPages(store, { search: '{"i":1', status: 'running' }, 2)).toEqual(['t11', 't1']);
      }));

    it('summarises the input in one line of compact JSON, cut to 120 characters with an ellipsis', () =>
      withStore(async (store, seed) => {
        await seed.create(newRun('short', 'alpha', { text: 'hi\nthere' }));
        await seed.create(newRun('long', 'alpha', { text: 'x'.repeat(300), tail: 'needle' }));
        await seed.create(newRun('none', 'alpha', null));
        const runs = (await store.list({})).runs;
        const input = Object.fromEntries(runs.map((r) => [r.runId, r.input]));
        expect(input.short).toBe('{"text":"hi\\nthere"}');
        expect(input.long).toHaveLength(120);
        expect(input.long).toBe(`{"text":"${'x'.repeat(110)}…`);
        expect(input.none).toBe('null');
        // The search looks past the summary, into the input's first 1 000 characters.
        expect(await allPages(store, { search: 'NEEDLE' }, 1)).toEqual(['long']);
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
