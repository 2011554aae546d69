import type { WorkflowGraph } from '@baton/sdk';
import type { RunState } from './run-state.js';
import { indexGraph } from './graph-index.js';
import { isSuccess } from './step-status.js';

/**
 * The run's output: the `@Workflow({ output })` step's value; otherwise the value of the one sink step that
 * succeeded, or an object keyed by name when several did (undefined when none did).
 */
export function selectOutput(graph: WorkflowGraph, state: RunState): unknown {
  if (graph.output !== undefined) return state.steps[graph.output]?.output;
  const succeeded = indexGraph(graph).sinks.filter((name) => isSuccess(state.steps[name].status));
  if (succeeded.length === 0) return undefined;
  if (succeeded.length === 1) return state.steps[succeeded[0]].output;
  return Object.fromEntries(succeeded.map((name) => [name, state.steps[name].output]));
}
