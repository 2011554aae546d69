import { describe, expect, it } from 'vitest';
import { buildRunModel } from './run-model.js';
import { attemptTestId, barLabel, laneNote, laneState } from './lane-text.js';
import { AGENT_GRAPH, agentTrace } from './trace.fixtures.js';
import { waterfallRows, type WaterfallRow } from './waterfall-rows.js';

const events = agentTrace();
const rowsOf = (list = events, max = 100) => waterfallRows(buildRunModel({ events: list, graph: AGENT_GRAPH })!, max);
const lanes = (rows: ReturnType<typeof rowsOf>['rows'], step: string) =>
  rows.filter((r): r is WaterfallRow => r.kind === 'step' && r.step.name === step);

describe('waterfallRows', () => {
  it('gives each loop pass of a step its own lane, labelled with the pass, and the loop a row after its route', () => {
    const { rows, hidden } = rowsOf();
    expect(hidden).toBe(0);
    const write = lanes(rows, 'write');
    expect(write.map((r) => [r.iteration, r.attempts.length, r.current])).toEqual([
      [1, 1, false],
      [2, 2, false],
      [3, 1, true],
    ]);
    expect(write.map((r) => laneState(r))).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(write[1].attempts.map((a) => [attemptTestId(a), barLabel(a)])).toEqual([
      ['attempt-write-1-pass2', 'pass 2'],
      ['attempt-write-2-pass2', 'pass 2 · #2'],
    ]);
    const order = rows.map((r) => (r.kind === 'loop' ? `loop:${r.router}` : `${r.step.name}${r.iteration ?? ''}`));
    expect(order).toEqual([
      'plan',
      'fastModel',
      'slowModel',
      'pick',
      'write1',
      'write2',
      'write3',
      'critique1',
      'critique2',
      'critique3',
      'loop:critique',
      'publish',
    ]);
    const loop = rows.find((r) => r.kind === 'loop');
    expect(loop?.kind === 'loop' && loop.marks.map((m) => m.iteration)).toEqual([2, 3]);
  });

  it('adds an empty lane for a pass not started yet, and says why a step did not run', () => {
    const { rows } = rowsOf();
    const critique3 = lanes(rows, 'critique').at(-1)!;
    expect(critique3).toMatchObject({ iteration: 3, current: true, attempts: [] });
    expect(laneNote(critique3)).toBe('skipped · budget');
    const [slow] = lanes(rows, 'slowModel');
    expect(laneState(slow)).toBe('superseded');
    expect(slow.attempts[0].outcome).toBe('superseded');
    const pending = rowsOf(events.slice(0, events.findIndex((e) => e.type === 'loop.iteration') + 1)).rows;
    expect(laneNote(lanes(pending, 'write').at(-1)!)).toBe('pass 2 · pending');
  });

  it('builds at most `max` rows and counts the rest', () => {
    const { rows, hidden } = rowsOf(events, 5);
    expect(rows).toHaveLength(5);
    expect(hidden).toBe(7);
  });
});
