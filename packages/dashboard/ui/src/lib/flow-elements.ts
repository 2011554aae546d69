import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { StepNode } from '@baton/sdk';
import { NODE_WIDTH, type GraphLayout } from './graph-layout.js';
import type { StepState } from './states.js';

/** What a step box shows: the node, plus its state on a run page. */
export type StepNodeData = {
  step: StepNode;
  state?: StepState;
  attempts?: number;
  items?: number;
  reused?: boolean;
  active?: boolean;
};

/** What a parallel group's box shows. */
export type GroupNodeData = { label: string };

export type StepFlowNode = Node<StepNodeData, 'step'>;
export type GroupFlowNode = Node<GroupNodeData, 'group-box'>;
export type FlowNode = StepFlowNode | GroupFlowNode;

/** A step's state on a run page, for colouring the graph. */
export interface StepOverlay {
  state: StepState;
  attempts: number;
  items?: number;
  reused: boolean;
}

const SUCCESS = new Set<StepState | undefined>(['succeeded', 'recovered']);
const EDGE_COLOURS = {
  idle: '#98a2b3',
  done: '#475467',
  active: '#2563eb',
  skipped: '#d0d5dd',
  failed: '#dc2626',
  route: '#6366f1',
};

/** The React Flow nodes: group boxes first (drawn behind), then the steps. */
export function flowNodes(layout: GraphLayout, overlay?: Record<string, StepOverlay>, selected?: string): FlowNode[] {
  const groups: GroupFlowNode[] = layout.groups.map((g) => ({
    id: g.id,
    type: 'group-box',
    position: { x: g.x, y: g.y },
    width: g.width,
    height: g.height,
    style: { width: g.width, height: g.height },
    data: { label: g.label },
    selectable: false,
    draggable: false,
    focusable: false,
    zIndex: -1,
  }));
  const steps: StepFlowNode[] = layout.steps.map(({ step, x, y, height }) => {
    const o = overlay?.[step.name];
    return {
      id: step.name,
      type: 'step',
      position: { x, y },
      width: NODE_WIDTH,
      height,
      style: { width: NODE_WIDTH, height },
      data: {
        step,
        ...(o && { state: o.state, attempts: o.attempts, reused: o.reused }),
        ...(o?.items !== undefined && { items: o.items }),
        ...(selected === step.name && { active: true }),
      },
      draggable: false,
      connectable: false,
    };
  });
  return [...groups, ...steps];
}

/** The React Flow edges; route edges dashed and labelled with their target; coloured by state on a run. */
export function flowEdges(layout: GraphLayout, overlay?: Record<string, StepOverlay>): Edge[] {
  return layout.edges.map((edge) => {
    const source = overlay?.[edge.source]?.state;
    const target = overlay?.[edge.target]?.state;
    let tone: keyof typeof EDGE_COLOURS = edge.route ? 'route' : 'idle';
    if (overlay) {
      if (target === 'skipped') tone = 'skipped';
      else if (target === 'failed' && SUCCESS.has(source)) tone = 'failed';
      else if ((target === 'running' || target === 'retrying') && SUCCESS.has(source)) tone = 'active';
      else if (SUCCESS.has(source) && target !== 'pending') tone = 'done';
      else tone = 'idle';
    }
    const colour = EDGE_COLOURS[tone];
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      className: `edge-${tone}${edge.route ? ' edge-route' : ''}`,
      animated: tone === 'active',
      style: {
        stroke: colour,
        strokeWidth: tone === 'done' || tone === 'active' || tone === 'failed' ? 2 : 1.5,
        ...(edge.route && { strokeDasharray: '6 4' }),
        ...(tone === 'skipped' && { opacity: 0.7 }),
      },
      markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: colour },
      ...(edge.route && {
        label: edge.target,
        labelStyle: { fill: tone === 'skipped' ? '#98a2b3' : '#4338ca', fontSize: 11, fontFamily: 'var(--mono)' },
        labelBgStyle: { fill: '#ffffff', fillOpacity: 0.95 },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
      }),
      selectable: false,
      focusable: false,
    };
  });
}
