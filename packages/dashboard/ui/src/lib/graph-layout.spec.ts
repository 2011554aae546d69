import { describe, expect, it } from 'vitest';
import { backEdgePath, HANDLE_SIZE, stepHandles } from './flow-geometry.js';
import { flowEdges, flowNodes, type StepFlowNode } from './flow-elements.js';
import { graphEdges, layoutGraph, NODE_WIDTH } from './graph-layout.js';
import { stepBadges } from './step-badges.js';
import { AGENT_GRAPH, GRAPH } from './trace.fixtures.js';

describe('the graph of a workflow with a loop', () => {
  const layout = layoutGraph(AGENT_GRAPH);
  const at = (name: string) => layout.steps.find((s) => s.step.name === name)!;

  it('adds a back edge from the route to its target, left out of the ranking so the graph stays top-down', () => {
    const back = graphEdges(AGENT_GRAPH).filter((e) => e.back);
    expect(back).toEqual([
      { id: 'critique->write:loop', source: 'critique', target: 'write', route: true, back: { maxIterations: 3 } },
    ]);
    expect(graphEdges(GRAPH).some((e) => e.back)).toBe(false);
    expect(at('plan').y).toBeLessThan(at('pick').y);
    expect(at('pick').y).toBeLessThan(at('write').y);
    expect(at('write').y).toBeLessThan(at('critique').y);
    expect(at('critique').y).toBeLessThan(at('publish').y);
  });

  it('draws the back edge as a `back` edge between the right-side loop handles, labelled with the cap', () => {
    const edge = flowEdges(layout).find((e) => e.id === 'critique->write:loop')!;
    expect(edge).toMatchObject({
      type: 'back',
      source: 'critique',
      target: 'write',
      sourceHandle: 'loop-out',
      targetHandle: 'loop-in',
      label: 'loop ≤3',
    });
    const forward = flowEdges(layout).find((e) => e.id === 'write->critique')!;
    expect(forward).toMatchObject({ sourceHandle: 'out', targetHandle: 'in' });
    expect(forward.type).toBeUndefined();
    const taken = flowEdges(layout, {
      write: { state: 'running', attempts: 1, reused: false, pass: { iteration: 2, maxIterations: 3 } },
    }).find((e) => e.id === 'critique->write:loop')!;
    expect(taken.className).toContain('edge-loop');
  });

  it('gives every step box its handles up front, with loop handles only where a back edge ends', () => {
    const nodes = flowNodes(layout).filter((n): n is StepFlowNode => n.type === 'step');
    const ids = (name: string) => nodes.find((n) => n.id === name)!.handles!.map((h) => h.id);
    expect(ids('plan')).toEqual(['in', 'out']);
    expect(ids('write')).toEqual(['in', 'out', 'loop-in']);
    expect(ids('critique')).toEqual(['in', 'out', 'loop-out']);
    const half = HANDLE_SIZE / 2;
    expect(stepHandles(NODE_WIDTH, 60, { loopIn: true, loopOut: true })).toEqual([
      expect.objectContaining({ id: 'in', x: NODE_WIDTH / 2 - half, y: -half }),
      expect.objectContaining({ id: 'out', x: NODE_WIDTH / 2 - half, y: 60 - half }),
      expect.objectContaining({ id: 'loop-in', position: 'right', x: NODE_WIDTH - half, y: 21 - half }),
      expect.objectContaining({ id: 'loop-out', position: 'right', x: NODE_WIDTH - half, y: 39 - half }),
    ]);
  });

  it('gives every node its size as already measured, so rebuilt nodes stay initialised for React Flow', () => {
    for (const node of flowNodes(layout)) {
      expect(node.measured).toEqual({ width: node.width, height: node.height });
      expect(node.width).toBeGreaterThan(0);
      expect(node.height).toBeGreaterThan(0);
    }
  });

  it('curves a back edge out to the right of both ends, with its label on the curve', () => {
    const { path, labelX, labelY } = backEdgePath({ sourceX: 300, sourceY: 400, targetX: 300, targetY: 200 });
    expect(path).toBe('M300,400 C390,400 390,200 300,200');
    expect(labelX).toBeCloseTo(367.5);
    expect(labelY).toBe(300);
  });

  it('tags a join step with its policy', () => {
    const pick = AGENT_GRAPH.steps.find((s) => s.name === 'pick')!;
    expect(stepBadges(pick)).toEqual([expect.objectContaining({ kind: 'join', label: 'any' })]);
  });
});
