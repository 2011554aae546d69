import type { StepNode, WorkflowGraph } from '@baton/sdk';

/** Lookups over a graph that the coordinator needs on every event, computed once per graph. */
export interface GraphIndex {
  readonly nodes: ReadonlyMap<string, StepNode>;
  /** Step name → the steps that depend on it, in declaration order. */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
  /** Steps nothing depends on, in declaration order. */
  readonly sinks: readonly string[];
  /** Steps with no dependencies, in declaration order. */
  readonly roots: readonly string[];
  /** Whether any step waits (`@WaitFor`, `@Delay`). */
  readonly waits: boolean;
}

const cache = new WeakMap<WorkflowGraph, GraphIndex>();

/** The index of a graph, built on first use and cached for the graph object's lifetime. */
export function indexGraph(graph: WorkflowGraph): GraphIndex {
  const cached = cache.get(graph);
  if (cached) return cached;
  const nodes = new Map(graph.steps.map((step) => [step.name, step]));
  const dependents = new Map<string, string[]>(graph.steps.map((step) => [step.name, []]));
  for (const step of graph.steps) for (const dep of step.dependsOn) dependents.get(dep)?.push(step.name);
  const index: GraphIndex = {
    nodes,
    dependents,
    sinks: graph.steps.filter((step) => dependents.get(step.name)!.length === 0).map((step) => step.name),
    roots: graph.steps.filter((step) => step.dependsOn.length === 0).map((step) => step.name),
    waits: graph.steps.some((step) => step.wait !== undefined || step.delay !== undefined),
  };
  cache.set(graph, index);
  return index;
}
