import type { Budget } from '../options/budget.js';
import type { WorkflowOptions } from '../options/workflow-options.js';
import { graphHash } from './graph-hash.js';
import type { ResolvedStep } from './resolve-dependencies.js';
import type { RouteTargets } from './route-targets.js';
import type { StepDraft } from './step-draft.js';
import type { LoopNode, StepNode, WorkflowGraph } from './workflow-graph.js';

/**
 * Builds the JSON graph with a fixed key order, omitting absent optional fields: a graph that uses no
 * join, loop, budget, wait or delay has exactly the keys (and so the version hash) it had before those existed.
 */
export function buildGraph(
  name: string,
  options: WorkflowOptions,
  drafts: readonly StepDraft[],
  resolved: ReadonlyMap<string, ResolvedStep>,
  targets: RouteTargets,
  loops: readonly LoopNode[],
): WorkflowGraph {
  const steps = drafts.map((draft): StepNode => {
    const { dependsOn, group } = resolved.get(draft.name)!;
    const backTargets = targets.backTargetsOf.get(draft.name);
    const node: StepNode = {
      name: draft.name,
      kind: draft.kind,
      dependsOn,
      ...(draft.routes && { routes: draft.routes }),
      ...(group !== undefined && { group }),
      retry: { ...draft.retry },
      ...(draft.timeoutMs !== undefined && { timeoutMs: draft.timeoutMs }),
      fallback: draft.code.fallback !== undefined,
      ...(draft.concurrency !== undefined && { concurrency: draft.concurrency }),
      ...(draft.description !== undefined && { description: draft.description }),
      ...((draft.join === 'any' || draft.join === 'allSettled') && { join: draft.join }),
      ...(typeof draft.maxIterations === 'number' && { maxIterations: draft.maxIterations }),
      ...(backTargets && { backTargets: [...backTargets] }),
      ...(draft.wait && { wait: { ...draft.wait } }),
      ...(draft.delay && { delay: { ...draft.delay } }),
    };
    return node;
  });
  const budget = copyBudget(options.budget);
  const signals = [...new Set(drafts.flatMap((draft) => (draft.wait ? [draft.wait.signal] : [])))].sort();
  const body = {
    ...(options.description !== undefined && { description: options.description }),
    ...(options.input && { input: options.input.name }),
    ...(options.output !== undefined && { output: options.output }),
    ...(options.timeout !== undefined && { timeoutMs: options.timeout }),
    steps,
    ...(loops.length > 0 && { loops: loops.map((loop) => ({ ...loop, body: [...loop.body] })) }),
    ...(budget && { budget }),
    ...(signals.length > 0 && { signals }),
  };
  const version = options.version ?? graphHash(JSON.stringify({ name, ...body }));
  return { name, version, ...body };
}

/** The budget's caps in the fixed order steps, tokens, costUsd; `undefined` when it sets none. */
function copyBudget(budget: Budget | undefined): Budget | undefined {
  if (budget === undefined) return undefined;
  const copy: Budget = {
    ...(budget.steps !== undefined && { steps: budget.steps }),
    ...(budget.tokens !== undefined && { tokens: budget.tokens }),
    ...(budget.costUsd !== undefined && { costUsd: budget.costUsd }),
  };
  return Object.keys(copy).length > 0 ? copy : undefined;
}
