import { describe, expect, it } from 'vitest';
import type { RunSummary } from '@baton/runtime';
import { applyRunsUpdate, filtersFromQuery } from './runs-page.js';

const run = (
  runId: string,
  startedAt: number,
  status: RunSummary['status'] = 'running',
  workflow = 'wf',
): RunSummary => ({ runId, workflow, status, startedAt });

describe('applyRunsUpdate', () => {
  it('upserts, keeps newest first and trims to the limit', () => {
    const rows = [run('b', 20), run('a', 10)];
    const next = applyRunsUpdate(rows, [run('c', 30), run('a', 10, 'succeeded')], {}, 2);
    expect(next.map((r) => `${r.runId}:${r.status}`)).toEqual(['c:running', 'b:running']);
  });

  it('drops runs that leave the status filter and does not add older runs to a full page', () => {
    const rows = [run('b', 20), run('a', 10)];
    expect(applyRunsUpdate(rows, [run('b', 20, 'failed')], { status: 'running' }, 2).map((r) => r.runId)).toEqual([
      'a',
    ]);
    expect(applyRunsUpdate(rows, [run('old', 5)], {}, 2).map((r) => r.runId)).toEqual(['b', 'a']);
  });

  it('puts the later of runs started in the same millisecond first', () => {
    expect(applyRunsUpdate([], [run('x', 10), run('y', 10)], {}, 5).map((r) => r.runId)).toEqual(['y', 'x']);
  });

  it('keeps a run under the waiting filter only while one of its steps waits', () => {
    const waiting = { ...run('w', 20), waiting: 1 };
    const rows = applyRunsUpdate([], [run('n', 10), waiting], { status: 'waiting' }, 5);
    expect(rows.map((r) => r.runId)).toEqual(['w']);
    // The update that says the step stopped waiting carries no count: the run leaves the list.
    expect(applyRunsUpdate(rows, [run('w', 20)], { status: 'waiting' }, 5)).toEqual([]);
    expect(applyRunsUpdate(rows, [{ ...run('w', 20, 'succeeded'), waiting: 1 }], { status: 'waiting' }, 5)).toEqual([]);
  });

  it('clears the waiting count of a listed run when an update no longer has one', () => {
    const rows = applyRunsUpdate([{ ...run('w', 20), waiting: 2 }], [run('w', 20)], {}, 5);
    expect(rows[0]).not.toHaveProperty('waiting');
  });
});

describe('filtersFromQuery', () => {
  it('reads search, status, workflow and a time range from the URL, ignoring what is not valid', () => {
    const statuses = ['running', 'failed'];
    expect(
      filtersFromQuery(new URLSearchParams('search=ada&status=failed&workflow=w&from=10&to=20'), statuses),
    ).toEqual({ search: 'ada', status: 'failed', workflow: 'w', from: 10, to: 20 });
    expect(filtersFromQuery(new URLSearchParams('status=nope&from=x&to=5&search='), statuses)).toEqual({ to: 5 });
    expect(filtersFromQuery(new URLSearchParams('from=10&to=5'), statuses)).toEqual({ from: 10 });
  });

  it('keeps live rows inside the time range', () => {
    const rows = applyRunsUpdate([], [run('early', 5), run('in', 15), run('late', 25)], { from: 10, to: 20 }, 5);
    expect(rows.map((r) => r.runId)).toEqual(['in']);
  });
});
