import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@baton/runtime';
import { applyToRunList, matchesRunList, toRunListFilter } from './run-list-filter.js';

const run = (status: RunSummary['status'], extra: Partial<RunSummary> = {}): RunSummary => ({
  runId: 'r1',
  workflow: 'w',
  status,
  startedAt: 1_000,
  ...extra,
});

describe('run-list filter', () => {
  it('matches workflow, status (running includes waiting), inclusive time bounds and search', () => {
    const filter = toRunListFilter({ workflow: 'w', status: 'running', search: 'ADA', from: 1_000, to: 1_000 }, 0);
    expect(matchesRunList(filter, run('running'), 'r1\n{"name":"ada"}')).toBe(true);
    expect(matchesRunList(filter, run('running', { waiting: 1 }), 'r1\nada')).toBe(true);
    expect(matchesRunList(filter, run('succeeded'), 'r1\nada')).toBe(false);
    expect(matchesRunList(filter, run('running', { startedAt: 1_001 }), 'r1\nada')).toBe(false);
    expect(matchesRunList(filter, run('running'), 'r1\ngrace')).toBe(false);
    expect(matchesRunList(toRunListFilter({ status: 'waiting' }, 0), run('running'), '')).toBe(false);
  });

  it('counts runs that start matching, uncounts runs that stop, and reports both to the client', () => {
    const filter = toRunListFilter({ status: 'succeeded' }, 5);
    expect(applyToRunList(filter, { summary: run('running'), search: '' })).toBe(false);
    expect(filter.total).toBe(5);
    expect(applyToRunList(filter, { summary: run('succeeded'), previous: run('running'), search: '' })).toBe(true);
    expect(filter.total).toBe(6);
    const running = toRunListFilter({ status: 'running' }, 1);
    expect(applyToRunList(running, { summary: run('failed'), previous: run('running'), search: '' })).toBe(true);
    expect(running.total).toBe(0);
  });
});
