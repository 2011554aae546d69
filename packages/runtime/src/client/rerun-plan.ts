import type { WorkflowGraph } from '@baton/sdk';
import type { RunState } from '../coordinator/run-state.js';
import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import { indexGraph } from '../coordinator/graph-index.js';
import type { StepSnapshot } from '../coordinator/run-snapshot.js';

/**
 * The steps a rerun keeps: every step that is neither `fromStep` nor one of its descendants and that
 * ended succeeded, recovered, or skipped by a route. The rest run again.
 *
 * @throws InvalidRunOperationError when `fromStep` is unknown, or when no step failed and none is given
 */
export function rerunPlan(graph: WorkflowGraph, state: RunState, fromStep?: string): Record<string, StepSnapshot> {
  const from =
    fromStep ??
    graph.steps.find(
      (s) => state.steps[s.name]?.status === 'failed' && state.steps[s.name]?.error?.code !== 'STEP_ABORTED',
    )?.name;
  if (from === undefined) {
    throw new InvalidRunOperationError(
      `Run ${state.runId} has no failed step to rerun from. Pass { fromStep } to choose one of: ${graph.steps.map((s) => s.name).join(', ')}.`,
      { runId: state.runId, workflow: graph.name },
    );
  }
  if (!indexGraph(graph).nodes.has(from)) {
    throw new InvalidRunOperationError(
      `Workflow ${graph.name} has no step '${from}'. Steps: ${graph.steps.map((s) => s.name).join(', ')}.`,
      { runId: state.runId, workflow: graph.name, step: from },
    );
  }
  const again = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const dependent of indexGraph(graph).dependents.get(queue.shift()!) ?? []) {
      if (!again.has(dependent)) {
        again.add(dependent);
        queue.push(dependent);
      }
    }
  }
  const reuse: Record<string, StepSnapshot> = {};
  for (const node of graph.steps) {
    const step = state.steps[node.name];
    if (!step || again.has(node.name)) continue;
    if (
      step.status === 'succeeded' ||
      step.status === 'recovered' ||
      (step.status === 'skipped' && (step.skipReason === 'route' || step.skipReason === 'upstream'))
    ) {
      const { itemsState: _items, ...kept } = step as StepSnapshot & { itemsState?: unknown };
      reuse[node.name] = structuredClone(kept);
    }
  }
  return reuse;
}
