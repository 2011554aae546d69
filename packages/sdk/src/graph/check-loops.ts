import { messages } from '../errors/messages.js';
import type { ProblemList } from './problem-list.js';
import type { RouteTargets } from './route-targets.js';
import type { LoopNode } from './workflow-graph.js';

/**
 * Reports every step outside a loop's body that depends on the body other than as a forward target of
 * its router: such a step could run before the loop ends (or after the first pass only). Each pair of
 * step and body step is reported once, for the first loop (in route order) that contains the body step.
 */
export function checkLoopExits(
  loops: readonly LoopNode[],
  names: readonly string[],
  dependsOn: ReadonlyMap<string, readonly string[]>,
  targets: RouteTargets,
  problems: ProblemList,
): void {
  const reported = new Set<string>();
  for (const loop of loops) {
    const body = new Set(loop.body);
    const isExit = (step: string): boolean => targets.routerOf.get(step) === loop.router && !targets.back.has(step);
    for (const step of names) {
      if (body.has(step)) continue;
      for (const dep of dependsOn.get(step) ?? []) {
        if (!body.has(dep) || (dep === loop.router && isExit(step))) continue;
        const key = `${step}\u0000${dep}`;
        if (reported.has(key)) continue;
        reported.add(key);
        problems.add(
          step,
          dep === loop.router
            ? messages.dependsOnRouteNotTarget(step, loop.router, loop.target)
            : messages.dependsOnLoopBody(step, dep, loop.router, loop.target),
        );
      }
    }
  }
}

/** Reports loops whose bodies share steps while neither contains the other (loops must nest or be apart). */
export function checkLoopNesting(loops: readonly LoopNode[], problems: ProblemList): void {
  loops.forEach((later, j) => {
    for (const earlier of loops.slice(0, j)) {
      const shared = later.body.filter((name) => earlier.body.includes(name));
      if (shared.length === 0) continue;
      const nested = shared.length === later.body.length || shared.length === earlier.body.length;
      if (!nested)
        problems.add(
          later.router,
          messages.loopsOverlap(later.router, later.target, earlier.router, earlier.target, shared),
        );
    }
  });
}
