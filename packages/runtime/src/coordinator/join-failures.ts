import type { WorkflowGraph } from '@baton/sdk';
import { indexGraph } from './graph-index.js';
import type { ErrorInfo, StepSnapshot } from './run-snapshot.js';

/**
 * What a join that tolerates failures (`join: 'any' | 'allSettled'`) sees as `ctx.failures`: each failed
 * dependency's error, by name. Undefined for other steps.
 */
export function joinFailures(
  graph: WorkflowGraph,
  steps: Readonly<Record<string, StepSnapshot | undefined>>,
  step: string,
): Record<string, ErrorInfo> | undefined {
  const node = indexGraph(graph).nodes.get(step);
  if (!node?.join) return undefined;
  const failures: Record<string, ErrorInfo> = {};
  for (const dep of node.dependsOn) {
    const state = steps[dep];
    if (state?.status === 'failed' && state.error) failures[dep] = state.error;
  }
  return failures;
}

/**
 * Steps the coordinator may abort while their run goes on (dependencies of an `'any'` join, steps of a
 * loop body): they need an abort signal of their own. Every other step is only aborted with its run.
 */
export function abortedAlone(graph: WorkflowGraph, step: string): boolean {
  const index = indexGraph(graph);
  if (graph.loops?.some((loop) => loop.body.includes(step))) return true;
  return index.dependents.get(step)?.some((d) => index.nodes.get(d)?.join === 'any') ?? false;
}
