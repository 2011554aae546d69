import type { WorkflowGraph } from '@baton/sdk';
import { indexGraph } from './graph-index.js';

const cache = new WeakMap<WorkflowGraph, Map<string, readonly string[]>>();

/**
 * Every step a step depends on, directly or through others (its upstream), computed once per graph and
 * step. In a loop body the whole body counts as upstream (a pass reads the previous pass's outputs), and
 * so does everything upstream of it.
 */
export function ancestorsOf(graph: WorkflowGraph, step: string): readonly string[] {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new Map<string, readonly string[]>()));
  const known = perGraph.get(step);
  if (known) return known;
  const nodes = indexGraph(graph).nodes;
  const seen = new Set<string>();
  const stack = [...(nodes.get(step)?.dependsOn ?? [])];
  for (const loop of graph.loops ?? []) if (loop.body.includes(step)) stack.push(...loop.body);
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(nodes.get(name)?.dependsOn ?? []));
    for (const loop of graph.loops ?? []) if (loop.body.includes(name) && name !== step) stack.push(...loop.body);
  }
  const ancestors = graph.steps.map((node) => node.name).filter((name) => name !== step && seen.has(name));
  perGraph.set(step, ancestors);
  return ancestors;
}
