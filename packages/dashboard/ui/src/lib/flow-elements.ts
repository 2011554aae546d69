import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { WaitingFor } from '@baton/runtime';
import type { StepNode } from '@baton/sdk';
import { HANDLES, stepHandles, type LoopHandles } from './flow-geometry.js';
import { NODE_WIDTH, type GraphEdge, type GraphLayout } from './graph-layout.js';
import type { GraphUnit } from './graph-units.js';
import type { LoopPass } from './loops.js';
import type { StepState } from './states.js';
import { unitStatus, type UnitStatus } from './unit-status.js';
import type { UsageTotals } from './usage.js';

/** A step's state on a run page, for colouring the graph. */
export interface StepOverlay {
  state: StepState;
  attempts: number;
  items?: number;
  reused: boolean;
  skipReason?: string;
  /** For a loop-body step: its current pass. */
  pass?: LoopPass;
  usage?: UsageTotals;
  /** While `waiting`: what for and until when. */
  waitingFor?: WaitingFor;
  /** While running: the step's latest progress, as one line of text. */
  progress?: string;
}

/** What a step box shows: the node, its loop handles, plus its state on a run page. */
export type StepNodeData = Partial<StepOverlay> & {
  step: StepNode;
  loops: LoopHandles;
  active?: boolean;
};

/** What an expanded parallel group's or loop body's box shows: its title and a button to collapse it. */
export type GroupNodeData = { label: string; unitId: string; kind: GraphUnit['kind']; size: number };

/** What a collapsed unit's summary node shows, with its state and counts on a run page. */
export type SummaryNodeData = { unit: GraphUnit; loops: LoopHandles; status?: UnitStatus };

export type StepFlowNode = Node<StepNodeData, 'step'>;
export type GroupFlowNode = Node<GroupNodeData, 'group-box'>;
export type SummaryFlowNode = Node<SummaryNodeData, 'summary'>;
export type FlowNode = StepFlowNode | GroupFlowNode | SummaryFlowNode;

const SUCCESS = new Set<StepState | undefined>(['succeeded', 'recovered']);
const NOT_RUN = new Set<StepState | undefined>(['skipped', 'superseded']);
const EDGE_COLOURS = {
  idle: '#98a2b3',
  done: '#475467',
  active: '#2563eb',
  skipped: '#d0d5dd',
  failed: '#dc2626',
  route: '#6366f1',
  loop: '#7c3aed',
};
type Tone = keyof typeof EDGE_COLOURS;

/** Which steps have a loop handle: back targets (`loopIn`) and routes with back edges (`loopOut`). */
function loopHandles(edges: readonly GraphEdge[]): Map<string, LoopHandles> {
  const handles = new Map<string, LoopHandles>();
  const of = (name: string): LoopHandles => {
    let h = handles.get(name);
    if (!h) handles.set(name, (h = { loopIn: false, loopOut: false }));
    return h;
  };
  for (const edge of edges) {
    if (!edge.back) continue;
    of(edge.source).loopOut = true;
    of(edge.target).loopIn = true;
  }
  return handles;
}

/** The state of each collapsed unit of the layout on a run page (none on the workflows page). */
export function summaryStates(
  layout: GraphLayout,
  overlay: Record<string, StepOverlay> | undefined,
): Map<string, UnitStatus> {
  const states = new Map<string, UnitStatus>();
  if (overlay) for (const { unit } of layout.summaries) states.set(unit.id, unitStatus(unit, overlay));
  return states;
}

/**
 * The React Flow nodes: boxes first (outer ones behind inner ones), then the steps and the collapsed units'
 * summaries, each with its handles placed and its size given as already measured. The nodes are rebuilt whenever a step's state changes; without
 * `measured`, React Flow counts rebuilt nodes as not initialised until its ResizeObserver sees them again,
 * which it never does for a box whose size did not change, so a queued `fitView` (the refit on resize)
 * would never run.
 */
export function flowNodes(layout: GraphLayout, overlay?: Record<string, StepOverlay>, selected?: string): FlowNode[] {
  const groups: GroupFlowNode[] = layout.groups.map((g) => ({
    id: g.id,
    type: 'group-box',
    position: { x: g.x, y: g.y },
    width: g.width,
    height: g.height,
    measured: { width: g.width, height: g.height },
    style: { width: g.width, height: g.height },
    data: { label: g.label, unitId: g.id, kind: g.kind, size: g.members.length },
    selectable: false,
    draggable: false,
    focusable: false,
    zIndex: -1,
  }));
  const handles = loopHandles(layout.edges);
  /** What a step box and a summary node share: place, size with its measurements, handles, fixed in place. */
  const box = (id: string, x: number, y: number, height: number) => {
    const loops = handles.get(id) ?? { loopIn: false, loopOut: false };
    const node = {
      id,
      position: { x, y },
      width: NODE_WIDTH,
      height,
      measured: { width: NODE_WIDTH, height },
      style: { width: NODE_WIDTH, height },
      handles: stepHandles(NODE_WIDTH, height, loops),
      draggable: false,
      connectable: false,
    };
    return { node, loops };
  };
  const steps: StepFlowNode[] = layout.steps.map(({ step, x, y, height }) => {
    const { node, loops } = box(step.name, x, y, height);
    return {
      ...node,
      type: 'step',
      data: { step, loops, ...overlay?.[step.name], ...(selected === step.name && { active: true }) },
    };
  });
  const states = summaryStates(layout, overlay);
  const summaries: SummaryFlowNode[] = layout.summaries.map(({ unit, x, y, height }) => {
    const { node, loops } = box(unit.id, x, y, height);
    const status = states.get(unit.id);
    return { ...node, type: 'summary', data: { unit, loops, ...(status && { status }) }, selectable: false };
  });
  return [...groups, ...steps, ...summaries];
}

/** How an edge is coloured on a run page, from the states of its ends. */
function toneOf(edge: GraphEdge, overlay: Record<string, StepOverlay> | undefined): Tone {
  if (edge.back) return (overlay?.[edge.target]?.pass?.iteration ?? 1) > 1 ? 'loop' : 'idle';
  if (!overlay) return edge.route ? 'route' : 'idle';
  const source = overlay[edge.source]?.state;
  const target = overlay[edge.target]?.state;
  if (NOT_RUN.has(target)) return 'skipped';
  if (target === 'failed' && SUCCESS.has(source)) return 'failed';
  if ((target === 'running' || target === 'retrying') && SUCCESS.has(source)) return 'active';
  if (SUCCESS.has(source) && target !== 'pending') return 'done';
  return 'idle';
}

/**
 * The React Flow edges: route edges dashed and labelled with their target; a loop's back edge (type
 * `back`) from the route's right side to its target's, labelled with the cap (`loop ≤3`), in violet once
 * taken; coloured by state on a run.
 */
export function flowEdges(layout: GraphLayout, overlay?: Record<string, StepOverlay>): Edge[] {
  // A collapsed unit's edges are coloured by its aggregate state, and a route to it is labelled with its title.
  let states = overlay;
  if (overlay && layout.summaries.length > 0) {
    states = { ...overlay };
    for (const [id, status] of summaryStates(layout, overlay)) {
      states[id] = { state: status.state, attempts: 0, reused: false, ...(status.pass && { pass: status.pass }) };
    }
  }
  const titles = new Map(layout.summaries.map(({ unit }) => [unit.id, unit.label]));
  return layout.edges.map((edge) => {
    const tone = toneOf(edge, states);
    const colour = edge.back && tone === 'idle' ? EDGE_COLOURS.route : EDGE_COLOURS[tone];
    const label = edge.back
      ? `loop ≤${edge.back.maxIterations}`
      : edge.route
        ? (titles.get(edge.target) ?? edge.target)
        : undefined;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.back
        ? { type: 'back', sourceHandle: HANDLES.loopOut, targetHandle: HANDLES.loopIn }
        : { sourceHandle: HANDLES.out, targetHandle: HANDLES.in }),
      className: `edge-${tone}${edge.route ? ' edge-route' : ''}${edge.back ? ' edge-back' : ''}`,
      ...(edge.back && {
        ariaLabel: `loop back from ${edge.source} to ${edge.target}, at most ${edge.back.maxIterations} passes`,
      }),
      animated: tone === 'active',
      style: {
        stroke: colour,
        strokeWidth: tone === 'done' || tone === 'active' || tone === 'failed' || tone === 'loop' ? 2 : 1.5,
        ...(edge.route && { strokeDasharray: '6 4' }),
        ...(tone === 'skipped' && { opacity: 0.7 }),
      },
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: colour },
      ...(label !== undefined && {
        label,
        labelStyle: {
          fill: tone === 'skipped' ? '#98a2b3' : edge.back ? '#6d28d9' : '#4338ca',
          fontSize: 11,
          fontFamily: 'var(--mono)',
        },
        labelBgStyle: { fill: '#ffffff', fillOpacity: 0.95 },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
      }),
      selectable: false,
      focusable: false,
    };
  });
}
