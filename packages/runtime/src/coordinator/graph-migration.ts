import type { CompiledRetryPolicy, StepKind, WorkflowGraph } from '@baton/sdk';
import type { RunState } from './run-state.js';
import { isTerminal } from './step-status.js';

/** Whether a run recorded under one graph version can go on under another. */
export type MigrationPlan =
  | { kind: 'same' }
  /** It can: `added` are steps the new graph has after the run's position; they start pending. */
  | { kind: 'compatible'; added: string[] }
  /** It cannot: one problem per step, e.g. `"classify: missing"`. */
  | { kind: 'incompatible'; problems: string[] };

/**
 * Decides whether a worker whose graph is `graph` can continue `state`, recorded under another version
 * with step kinds `recordedKinds`. It can when every recorded step still exists with the same kind and
 * every added step comes after the run's position (none of its dependencies has settled yet, and it is
 * not a root, since the roots have started). Pure: the transports apply the plan.
 */
export function planMigration(
  state: RunState,
  graph: WorkflowGraph,
  recordedKinds: Readonly<Record<string, StepKind>>,
): MigrationPlan {
  if (state.version === graph.version) return { kind: 'same' };
  const problems: string[] = [];
  const nodes = new Map(graph.steps.map((node) => [node.name, node]));
  for (const name of Object.keys(state.steps)) {
    const node = nodes.get(name);
    const recorded = recordedKinds[name];
    if (!node) problems.push(`${name}: missing (renamed or removed)`);
    else if (recorded !== undefined && recorded !== node.kind)
      problems.push(`${name}: was a ${recorded}, is now a ${node.kind}`);
  }
  const added: string[] = [];
  for (const node of graph.steps) {
    if (state.steps[node.name]) continue;
    added.push(node.name);
    if (node.dependsOn.length === 0) problems.push(`${node.name}: added as a first step, but the run has started`);
    const settled = node.dependsOn.filter((dep) => state.steps[dep] && isTerminal(state.steps[dep].status));
    if (settled.length > 0)
      problems.push(`${node.name}: added after ${settled.join(', ')}, which the run has already settled`);
  }
  return problems.length > 0 ? { kind: 'incompatible', problems } : { kind: 'compatible', added };
}

/** Applies a compatible plan: adds the new steps as pending and moves the run to the graph's version. */
export function migrateRun(state: RunState, graph: WorkflowGraph, added: readonly string[]): void {
  for (const name of added) state.steps[name] = { name, status: 'pending', attempts: 0 };
  state.version = graph.version;
}

/**
 * A graph made of the steps a run has recorded (kinds as recorded, no edges), for ending a run that its
 * worker's graph cannot describe: the coordinator then fails it step by step as it would any run.
 */
export function recordedGraph(
  graph: WorkflowGraph,
  state: RunState,
  recordedKinds: Readonly<Record<string, StepKind>>,
): WorkflowGraph {
  const retry: CompiledRetryPolicy = { attempts: 1, backoff: 'fixed', delay: 0, jitter: 0 };
  return {
    ...graph,
    version: state.version,
    steps: Object.keys(state.steps).map((name) => ({
      name,
      kind: recordedKinds[name] ?? 'step',
      dependsOn: [],
      retry,
      fallback: false,
    })),
  };
}
