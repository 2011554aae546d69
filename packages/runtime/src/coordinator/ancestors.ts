import type { WorkflowGraph } from '@baton/sdk';
import { indexGraph } from './graph-index.js';

const cache = new WeakMap<WorkflowGraph, Map<string, readonly string[]>>();

/** Every step a step depends on, directly or through others (its upstream), computed once per graph and step. */
export function ancestorsOf(graph: WorkflowGraph, step: string): readonly string[] {
  let perGraph = cache.get(graph);
  if (!perGraph) cache.set(graph, (perGraph = new Map<string, readonly string[]>()));
  const known = perGraph.get(step);
  if (known) return known;
  const nodes = indexGraph(graph).nodes;
  const seen = new Set<string>();
  const stack = [...(nodes.get(step)?.dependsOn ?? [])];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(nodes.get(name)?.dependsOn ?? []));
  }
  const ancestors = graph.steps.map((node) => node.name).filter((name) => seen.has(name));
  perGraph.set(step, ancestors);
  return ancestors;
}
