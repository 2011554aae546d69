import { messages } from '../errors/messages.js';
import { checkLoopExits, checkLoopNesting } from './check-loops.js';
import type { ProblemList } from './problem-list.js';
import type { RouteTargets } from './route-targets.js';
import type { StepDraft } from './step-draft.js';
import type { LoopNode } from './workflow-graph.js';

/**
 * Builds one {@link LoopNode} per back edge (a route target declared before its route), in route
 * declaration order, and reports what makes a loop invalid: a back edge without `maxIterations`,
 * `maxIterations` without a back edge, a back target the route does not depend on, a step outside a loop
 * that depends on its inside, and loops that overlap without nesting. The structural checks need an
 * acyclic `dependsOn`, so they are skipped when `acyclic` is false (the cycle is reported instead).
 */
export function findLoops(
  drafts: readonly StepDraft[],
  dependsOn: ReadonlyMap<string, readonly string[]>,
  targets: RouteTargets,
  problems: ProblemList,
  acyclic: boolean,
): LoopNode[] {
  const names = drafts.map((d) => d.name);
  const dependents = invert(dependsOn);
  const loops: LoopNode[] = [];
  for (const draft of drafts) {
    const route = draft.name;
    const backTargets = targets.backTargetsOf.get(route) ?? [];
    if (backTargets.length === 0) {
      // A target that is unknown or another route's is reported already, and may be the intended back edge.
      const allMapped = (draft.routes ?? []).every((target) => targets.routerOf.get(target) === route);
      if (typeof draft.maxIterations === 'number' && allMapped)
        problems.add(route, messages.maxIterationsWithoutLoop(route));
      continue;
    }
    if (draft.maxIterations === undefined)
      problems.add(route, messages.loopWithoutMaxIterations(route, backTargets[0], draft.routes ?? []));
    if (!acyclic) continue;
    const upstream = reach(route, dependsOn);
    for (const target of backTargets) {
      if (!upstream.has(target)) {
        problems.add(route, messages.backTargetNotConnected(route, target));
        continue;
      }
      const downstream = reach(target, dependents);
      const body = names.filter((name) => upstream.has(name) && downstream.has(name));
      loops.push({ router: route, target, body, maxIterations: draft.maxIterations ?? 0 });
    }
  }
  if (acyclic) {
    checkLoopExits(loops, names, dependsOn, targets, problems);
    checkLoopNesting(loops, problems);
  }
  return loops;
}

/** The step and every step reachable from it along `edges`. */
function reach(start: string, edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const next of edges.get(name) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/** `name → dependsOn` turned into `name → the steps that depend on it`. */
function invert(dependsOn: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const [name, deps] of dependsOn)
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), name]);
  return dependents;
}
