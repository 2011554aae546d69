import { describe, expect, it } from 'vitest';
import { compileWorkflow, Step, Workflow } from '@baton/sdk';
import { startRun } from '../coordinator/coordinator.js';
import { InMemoryRunStore } from './memory-run.store.js';

@Workflow({ name: 'tiny' })
class Tiny {
  @Step() a() {}
}
const graph = compileWorkflow(Tiny);

function run(id: string) {
  return startRun(graph, { runId: id, input: {}, at: 0 }).state;
}

describe('InMemoryRunStore', () => {
  it('keeps only the last N finished runs, with their traces and idempotency keys', async () => {
    const store = new InMemoryRunStore(3);
    for (let i = 1; i <= 5; i++) {
      const state = run(`r${i}`);
      store.createSync(state, { key: `key-${i}`, fingerprint: 'f' });
      store.appendEventsSync(state.runId, [
        { seq: 1, runId: state.runId, ts: 0, type: 'run.started', data: { workflow: 'w', version: 'v', input: {} } },
      ]);
      state.status = 'succeeded';
      store.finishedSync(state);
    }
    expect(store.size).toBe(3);
    expect(store.getSync('r1')).toBeUndefined();
    expect(store.getSync('r3')).toBeDefined();
    expect(await store.events('r2')).toEqual([]);
    expect(await store.events('r5')).toHaveLength(1);
    expect(await store.findByIdempotencyKey('tiny', 'key-1')).toBeUndefined();
    expect(await store.findByIdempotencyKey('tiny', 'key-5')).toBe('r5');
  });

  it('never drops a running run', () => {
    const store = new InMemoryRunStore(1);
    store.createSync(run('running'));
    for (let i = 0; i < 3; i++) {
      const state = run(`done${i}`);
      store.createSync(state);
      store.finishedSync(state);
    }
    expect(store.getSync('running')).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('returns events after a given seq', async () => {
    const store = new InMemoryRunStore();
    store.createSync(run('r'));
    store.appendEventsSync(
      'r',
      [1, 2, 3, 4].map((seq) => ({
        seq,
        runId: 'r',
        ts: 0,
        type: 'step.log' as const,
        data: { message: `log ${seq}` },
      })),
    );
    expect((await store.events('r', 2)).map((e) => e.seq)).toEqual([3, 4]);
  });
});
