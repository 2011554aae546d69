import type { WorkflowGraph } from '@baton/sdk';

/** A part of the graph that can be collapsed to one summary node: a `@Parallel` group or a loop body. */
export interface GraphUnit {
  /** `group:<name>` (the layout's group id) or `loop:<router>:<target>`. */
  id: string;
  kind: 'parallel' | 'loop';
  /** What its box and its summary node are titled with. */
  label: string;
  /** Its steps, in declaration order. */
  members: string[];
  /** For a loop: its cap on passes. */
  maxIterations?: number;
  /** For a loop: the step each pass starts with (its pass is the loop's pass). */
  target?: string;
}

/** Graphs with more steps than this open with every unit collapsed, so they are readable at first sight. */
export const COLLAPSE_ABOVE_STEPS = 60;

const unitsCache = new WeakMap<WorkflowGraph, GraphUnit[]>();

/** The collapsible units of a graph: its parallel groups, then its loops (cached per graph). */
export function graphUnits(graph: WorkflowGraph): GraphUnit[] {
  const cached = unitsCache.get(graph);
  if (cached) return cached;
  const groups = new Map<string, string[]>();
  for (const step of graph.steps) {
    if (step.group === undefined) continue;
    const members = groups.get(step.group) ?? [];
    members.push(step.name);
    groups.set(step.group, members);
  }
  const units: GraphUnit[] = [...groups].map(([name, members]) => ({
    id: `group:${name}`,
    kind: 'parallel',
    label: name.startsWith('parallel:') ? 'parallel' : `parallel · ${name}`,
    members,
  }));
  for (const loop of graph.loops ?? []) {
    units.push({
      id: `loop:${loop.router}:${loop.target}`,
      kind: 'loop',
      label: `loop · ${loop.target} ↺ ${loop.router}`,
      members: loop.body,
      maxIterations: loop.maxIterations,
      target: loop.target,
    });
  }
  unitsCache.set(graph, units);
  return units;
}

/** The units collapsed when a graph is first shown: all of them for a large graph, none for a small one. */
export function initialCollapsed(graph: WorkflowGraph): ReadonlySet<string> {
  return new Set(graph.steps.length > COLLAPSE_ABOVE_STEPS ? graphUnits(graph).map((u) => u.id) : []);
}

/** Whether `inner`'s steps are all in `outer` (and `outer` is the larger). */
export function contains(outer: GraphUnit, inner: GraphUnit): boolean {
  if (outer === inner || outer.members.length <= inner.members.length) return false;
  const set = new Set(outer.members);
  return inner.members.every((m) => set.has(m));
}

/** What is drawn for one set of collapsed units. */
export interface CollapsedView {
  /** The node each step is drawn as: itself, or the outermost collapsed unit holding it. */
  nodeOf: Map<string, string>;
  /** The collapsed units drawn as summary nodes (those not inside another collapsed unit). */
  summaries: GraphUnit[];
  /** The expanded units drawn as boxes (those not inside a collapsed unit), innermost first. */
  boxes: GraphUnit[];
}

/**
 * Which node stands for each step and which units are drawn as boxes or summaries when the units in
 * `collapsed` are collapsed. A step inside nested collapsed units is drawn as the outermost one.
 */
export function collapsedView(graph: WorkflowGraph, collapsed: ReadonlySet<string>): CollapsedView {
  const units = graphUnits(graph);
  const nodeOf = new Map(graph.steps.map((s) => [s.name, s.name]));
  const shut = units.filter((u) => collapsed.has(u.id)).sort((a, b) => b.members.length - a.members.length);
  const summaries: GraphUnit[] = [];
  for (const unit of shut) {
    // Outermost first: a unit whose steps are already drawn as a larger collapsed unit has no node of its own.
    if (unit.members.every((m) => nodeOf.get(m) !== m)) continue;
    summaries.push(unit);
    for (const m of unit.members) {
      if (nodeOf.get(m) === m) nodeOf.set(m, unit.id);
    }
  }
  // A box is hidden when every one of its steps is drawn as the same collapsed unit (one holding it all).
  const hidden = (u: GraphUnit): boolean => {
    const first = nodeOf.get(u.members[0]);
    return first !== u.members[0] && u.members.every((m) => nodeOf.get(m) === first);
  };
  const boxes = units
    .filter((u) => !collapsed.has(u.id) && !hidden(u))
    .sort((a, b) => a.members.length - b.members.length);
  return { nodeOf, summaries, boxes };
}
