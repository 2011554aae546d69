import { describe, expect, it } from 'vitest';
import { flowEdges, flowNodes, type StepOverlay } from './flow-elements.js';
import { layoutGraph } from './graph-layout.js';
import { collapsedView, graphUnits, initialCollapsed } from './graph-units.js';
import type { StepState } from './states.js';
import { AGENT_GRAPH } from './trace.fixtures.js';
import { unitProgress, unitStatus } from './unit-status.js';

const GROUP = 'group:parallel:fastModel';
const LOOP = 'loop:critique:write';
const overlayOf = (states: Record<string, StepState>): Record<string, StepOverlay> =>
  Object.fromEntries(Object.entries(states).map(([name, state]) => [name, { state, attempts: 1, reused: false }]));

describe('collapsing parallel groups and loop bodies', () => {
  it('finds the groups and loops, and starts a small graph expanded', () => {
    expect(graphUnits(AGENT_GRAPH).map((u) => [u.id, u.kind, u.members])).toEqual([
      [GROUP, 'parallel', ['fastModel', 'slowModel']],
      [LOOP, 'loop', ['write', 'critique']],
    ]);
    expect(initialCollapsed(AGENT_GRAPH).size).toBe(0);
    const expanded = layoutGraph(AGENT_GRAPH);
    expect(expanded.groups.map((g) => [g.id, g.kind]).sort()).toEqual([
      [GROUP, 'parallel'],
      [LOOP, 'loop'],
    ]);
    expect(expanded.summaries).toEqual([]);
  });

  it('draws a collapsed group as one node, its edges moved to it and merged', () => {
    const layout = layoutGraph(AGENT_GRAPH, new Set([GROUP]));
    expect(layout.steps.map((s) => s.step.name)).not.toContain('fastModel');
    expect(layout.summaries.map((s) => s.unit.id)).toEqual([GROUP]);
    expect(layout.groups.map((g) => g.id)).toEqual([LOOP]);
    const ids = layout.edges.map((e) => e.id);
    // plan → fastModel and plan → slowModel become one edge, and so do their two edges into pick.
    expect(ids.filter((id) => id.includes(GROUP))).toEqual([`plan->${GROUP}`, `${GROUP}->pick`]);
    expect(ids).toContain('critique->write:loop');
    const node = flowNodes(layout).find((n) => n.id === GROUP)!;
    expect(node).toMatchObject({ type: 'summary', measured: { width: node.width, height: node.height } });
  });

  it('draws a collapsed loop without its back edge, and a step inside it as the loop', () => {
    const layout = layoutGraph(AGENT_GRAPH, new Set([LOOP]));
    const ids = layout.edges.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([`pick->${LOOP}`, `${LOOP}->publish`]));
    expect(ids.some((id) => id.endsWith(':loop'))).toBe(false);
    expect(collapsedView(AGENT_GRAPH, new Set([LOOP])).nodeOf.get('critique')).toBe(LOOP);
  });

  it('gives a collapsed unit the aggregate state of its steps, with counts, and colours its edges by it', () => {
    const group = graphUnits(AGENT_GRAPH)[0];
    const status = (states: Record<string, StepState>) => unitStatus(group, overlayOf(states));
    expect(status({ fastModel: 'succeeded', slowModel: 'running' }).state).toBe('running');
    expect(status({ fastModel: 'failed', slowModel: 'running' }).state).toBe('failed');
    expect(status({ fastModel: 'succeeded', slowModel: 'superseded' }).state).toBe('succeeded');
    expect(status({ fastModel: 'succeeded', slowModel: 'pending' }).state).toBe('running');
    expect(status({}).state).toBe('pending');
    expect(status({ fastModel: 'skipped', slowModel: 'skipped' }).state).toBe('skipped');
    expect(unitProgress(status({ fastModel: 'succeeded', slowModel: 'pending' }))).toBe('1/2 done');
    expect(unitProgress(status({ fastModel: 'failed', slowModel: 'succeeded' }))).toBe('2/2 done · 1 failed');

    const layout = layoutGraph(AGENT_GRAPH, new Set([GROUP]));
    const overlay = overlayOf({ plan: 'succeeded', fastModel: 'running', slowModel: 'succeeded' });
    const summary = flowNodes(layout, overlay).find((n) => n.id === GROUP)!;
    expect(summary.data).toMatchObject({ status: { state: 'running', done: 1, total: 2 } });
    expect(flowEdges(layout, overlay).find((e) => e.id === `plan->${GROUP}`)!.className).toContain('edge-active');
  });
});
