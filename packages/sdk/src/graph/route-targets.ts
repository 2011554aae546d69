import { messages } from '../errors/messages.js';
import type { ProblemList } from './problem-list.js';
import type { StepDraft } from './step-draft.js';

/** Who routes to whom: each target's route, and which targets are back edges (declared before their route). */
export interface RouteTargets {
  /** Each route target's route. */
  readonly routerOf: ReadonlyMap<string, string>;
  /** The targets declared before their route: each starts a new pass of a loop. */
  readonly back: ReadonlySet<string>;
  /** Each route's back targets, in declaration order (routes without any are absent). */
  readonly backTargetsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * Maps every route target to its route and splits targets into forward ones (declared after the route)
 * and back ones (declared before it), reporting unknown targets and targets shared by two routes.
 */
export function mapRouteTargets(drafts: readonly StepDraft[], problems: ProblemList): RouteTargets {
  const names = drafts.map((d) => d.name);
  const routerOf = new Map<string, string>();
  const back = new Set<string>();
  const backTargetsOf = new Map<string, string[]>();
  drafts.forEach((draft, position) => {
    for (const target of draft.routes ?? []) {
      const targetPosition = names.indexOf(target);
      if (targetPosition < 0) {
        problems.add(draft.name, messages.unknownRouteTarget(target, names));
        continue;
      }
      const existing = routerOf.get(target);
      if (existing !== undefined) {
        problems.add(draft.name, messages.targetOfTwoRoutes(target, existing, draft.name));
        continue;
      }
      routerOf.set(target, draft.name);
      if (targetPosition < position) {
        back.add(target);
        backTargetsOf.set(draft.name, [...(backTargetsOf.get(draft.name) ?? []), target]);
      }
    }
  });
  const position = (name: string): number => names.indexOf(name);
  for (const list of backTargetsOf.values()) list.sort((a, b) => position(a) - position(b));
  return { routerOf, back, backTargetsOf };
}
