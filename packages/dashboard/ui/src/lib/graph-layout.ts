import type { StepNode, WorkflowGraph } from '@baton/sdk';
import { layoutNested } from './block-layout.js';
import { collapsedView, contains, type GraphUnit } from './graph-units.js';
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
/** Height of a collapsed unit's summary node: its title line and its counts line. */
export const SUMMARY_HEIGHT = 64;

/** A step with its top-left position. */
export interface PlacedStep {
  step: StepNode;
  x: number;
  y: number;
  height: number;
}

/** A collapsed unit's summary node with its top-left position. */
export interface PlacedSummary {
  unit: GraphUnit;
  x: number;
  y: number;
  height: number;
}

/** An expanded unit's box (a `@Parallel` group or a loop body) around its members. */
export interface PlacedGroup {
  id: string;
  kind: GraphUnit['kind'];
  /** `parallel · <name>`, `parallel` for an unnamed group, or `loop · <target> ↺ <router>`. */
  label: string;
  /** Every step of the unit (some may be drawn inside a collapsed inner unit). */
  members: string[];
  unit: GraphUnit;
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

/**
 * The laid-out graph: depends only on the graph and which units are collapsed, so it is computed once per
 * pair (see `cachedLayout`). Steps inside a collapsed unit are not in `steps`: its summary stands for them.
 */
export interface GraphLayout {
  steps: PlacedStep[];
  groups: PlacedGroup[];
  summaries: PlacedSummary[];
  /** The drawn edges: an edge into or out of a collapsed unit ends at its summary (one edge per pair). */
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

/**
 * The edges as drawn when some steps are drawn as a collapsed unit (`nodeOf`): each end moved to the node
 * standing for it, edges inside one node dropped, duplicates merged. An edge between two drawn steps
 * keeps its id.
 */
export function viewEdges(edges: readonly GraphEdge[], nodeOf: ReadonlyMap<string, string>): GraphEdge[] {
  const seen = new Map<string, GraphEdge>();
  for (const edge of edges) {
    const source = nodeOf.get(edge.source) ?? edge.source;
    const target = nodeOf.get(edge.target) ?? edge.target;
    if (source === target) continue;
    const moved = source !== edge.source || target !== edge.target;
    const id = moved ? (edge.back ? backEdgeId(source, target) : `${source}->${target}`) : edge.id;
    if (!seen.has(id)) seen.set(id, moved ? { ...edge, id, source, target } : edge);
  }
  return [...seen.values()];
}

const NO_COLLAPSE: ReadonlySet<string> = new Set();

/**
 * Lays the graph out top to bottom. Expanded parallel groups and loop bodies get a box (nested when one
 * holds another), laid out on their own and placed as one node (see `layoutNested`); a collapsed one is a
 * single summary node. Back edges are drawn but not laid out: ranking them would turn the graph over.
 */
export function layoutGraph(graph: WorkflowGraph, collapsed: ReadonlySet<string> = NO_COLLAPSE): GraphLayout {
  const view = collapsedView(graph, collapsed);
  const visible = graph.steps.filter((s) => view.nodeOf.get(s.name) === s.name);
  const edges = viewEdges(graphEdges(graph), view.nodeOf);
  // Boxes are innermost first, so the first that holds a node is its parent.
  const boxSets = view.boxes.map((unit) => ({ unit, set: new Set(unit.members) }));
  const parentOf = new Map<string, string>();
  boxSets.forEach(({ unit }, i) => {
    const parent = boxSets.slice(i + 1).find((b) => contains(b.unit, unit));
    if (parent) parentOf.set(unit.id, parent.unit.id);
  });
  for (const step of visible) {
    const parent = boxSets.find((b) => b.set.has(step.name));
    if (parent) parentOf.set(step.name, parent.unit.id);
  }
  for (const unit of view.summaries) {
    const parent = boxSets.find((b) => contains(b.unit, unit));
    if (parent) parentOf.set(unit.id, parent.unit.id);
  }
  const { rects, width, height } = layoutNested({
    leaves: [
      ...visible.map((step) => ({ id: step.name, width: NODE_WIDTH, height: nodeHeight(step) })),
      ...view.summaries.map((unit) => ({ id: unit.id, width: NODE_WIDTH, height: SUMMARY_HEIGHT })),
    ],
    boxes: view.boxes.map((u) => u.id),
    parentOf,
    edges: edges.filter((e) => !e.back),
  });
  const steps: PlacedStep[] = visible.map((step) => {
    const { x, y, height: h } = rects.get(step.name)!;
    return { step, x, y, height: h };
  });
  const summaries: PlacedSummary[] = view.summaries.map((unit) => {
    const { x, y } = rects.get(unit.id)!;
    return { unit, x, y, height: SUMMARY_HEIGHT };
  });
  // Outer boxes first, so they are drawn behind the inner ones.
  const groups: PlacedGroup[] = [...view.boxes].reverse().map((unit) => ({
    id: unit.id,
    kind: unit.kind,
    label: unit.label,
    members: unit.members,
    unit,
    ...rects.get(unit.id)!,
  }));
  return { steps, groups, summaries, edges, width: Math.max(width, NODE_WIDTH), height: Math.max(height, BASE_HEIGHT) };
}
