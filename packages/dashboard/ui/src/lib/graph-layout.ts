import { Graph, layout } from '@dagrejs/dagre';
import type { StepNode, WorkflowGraph } from '@baton/sdk';
import { badgeLines, stepBadges } from './step-badges.js';

/** Width of a step box, in pixels. */
export const NODE_WIDTH = 224;
/** Height of a step box without badges: padding, the name line and the state line. */
const BASE_HEIGHT = 56;
/** Height of one line of badges. */
const BADGE_LINE = 20;

/** A step box's height: room for its name, its state on a run page, and its badges (wrapped). */
export function nodeHeight(step: StepNode): number {
  return BASE_HEIGHT + BADGE_LINE * badgeLines(stepBadges(step), NODE_WIDTH - 22);
}
const GROUP_PAD = 16;
const GROUP_LABEL = 20;

/** A step with its top-left position. */
export interface PlacedStep {
  step: StepNode;
  x: number;
  y: number;
  height: number;
}

/** A `@Parallel` group's box around its members. */
export interface PlacedGroup {
  id: string;
  /** The group's name, or `parallel` for an unnamed group. */
  label: string;
  members: string[];
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A dependency edge; `route` when the source is a route step choosing the target. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  route: boolean;
  /**
   * A loop's back edge, from a route to a target declared before it (no dependency: `dependsOn` stays
   * acyclic), with the loop's cap on passes. Left out of the layout, so the graph stays top-down.
   */
  back?: { maxIterations: number };
}

/** The laid-out graph: depends only on the graph, so it is computed once per graph. */
export interface GraphLayout {
  steps: PlacedStep[];
  groups: PlacedGroup[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

/** The id of the back edge from a route to its back target. */
export const backEdgeId = (router: string, target: string): string => `${router}->${target}:loop`;

/** The edges of a graph: one per `dependsOn` entry, then one per back target of a route. */
export function graphEdges(graph: WorkflowGraph): GraphEdge[] {
  const byName = new Map(graph.steps.map((s) => [s.name, s]));
  const forward = graph.steps.flatMap((step) =>
    step.dependsOn
      .filter((dep) => byName.has(dep))
      .map((dep) => ({
        id: `${dep}->${step.name}`,
        source: dep,
        target: step.name,
        route: byName.get(dep)!.kind === 'route' && (byName.get(dep)!.routes ?? []).includes(step.name),
      })),
  );
  const back = graph.steps.flatMap((step) =>
    (step.backTargets ?? [])
      .filter((target) => byName.has(target))
      .map((target) => {
        const loop = graph.loops?.find((l) => l.router === step.name && l.target === target);
        const maxIterations = loop?.maxIterations ?? step.maxIterations ?? 0;
        return { id: backEdgeId(step.name, target), source: step.name, target, route: true, back: { maxIterations } };
      }),
  );
  return [...forward, ...back];
}

/** Lays the graph out top to bottom with dagre; parallel groups become compound nodes with a box. */
export function layoutGraph(graph: WorkflowGraph): GraphLayout {
  const g = new Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const groupIds = new Map<string, string[]>();
  for (const step of graph.steps) {
    g.setNode(step.name, { width: NODE_WIDTH, height: nodeHeight(step) });
    if (step.group !== undefined) {
      const id = `group:${step.group}`;
      if (!groupIds.has(id)) {
        groupIds.set(id, []);
        g.setNode(id, {
          paddingTop: GROUP_LABEL + GROUP_PAD,
          paddingBottom: GROUP_PAD,
          paddingLeft: GROUP_PAD,
          paddingRight: GROUP_PAD,
        });
      }
      groupIds.get(id)!.push(step.name);
      g.setParent(step.name, id);
    }
  }
  const edges = graphEdges(graph);
  for (const edge of edges) {
    // A back edge points up: ranking it would turn the graph over, so it is drawn but not laid out.
    if (!edge.back) g.setEdge(edge.source, edge.target, edge.route ? { minlen: 1, weight: 2 } : {});
  }
  layout(g);

  const steps: PlacedStep[] = graph.steps.map((step) => {
    const { x = 0, y = 0 } = g.node(step.name) as { x?: number; y?: number };
    const height = nodeHeight(step);
    return { step, x: x - NODE_WIDTH / 2, y: y - height / 2, height };
  });
  const at = new Map(steps.map((s) => [s.step.name, s]));
  const groups: PlacedGroup[] = [...groupIds].map(([id, members]) => {
    // The box is computed from the members, so it is right even if dagre's cluster bounds are off.
    const placed = members.map((m) => at.get(m)!);
    const left = Math.min(...placed.map((p) => p.x)) - GROUP_PAD;
    const top = Math.min(...placed.map((p) => p.y)) - GROUP_PAD - GROUP_LABEL;
    const right = Math.max(...placed.map((p) => p.x + NODE_WIDTH)) + GROUP_PAD;
    const bottom = Math.max(...placed.map((p) => p.y + p.height)) + GROUP_PAD;
    const name = id.slice('group:'.length);
    return {
      id,
      label: name.startsWith('parallel:') ? 'parallel' : `parallel · ${name}`,
      members,
      x: left,
      y: top,
      width: right - left,
      height: bottom - top,
    };
  });
  const boxes = [...steps.map((s) => ({ x: s.x, y: s.y, width: NODE_WIDTH, height: s.height })), ...groups];
  const width = Math.max(NODE_WIDTH, ...boxes.map((b) => b.x + b.width)) - Math.min(0, ...boxes.map((b) => b.x));
  const height = Math.max(BASE_HEIGHT, ...boxes.map((b) => b.y + b.height)) - Math.min(0, ...boxes.map((b) => b.y));
  return { steps, groups, edges, width, height };
}
