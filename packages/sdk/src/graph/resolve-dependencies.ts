import { messages } from '../errors/messages.js';
import { checkSignalsPerBlock } from './check-signals.js';
import type { ProblemList } from './problem-list.js';
import type { RouteTargets } from './route-targets.js';
import type { StepDraft } from './step-draft.js';

/** A step's place in the graph: what it waits for and the group it belongs to. */
export interface ResolvedStep {
  dependsOn: string[];
  group?: string;
}

/**
 * Applies the sequencing rules: a step without `after` depends on the previous block in declaration
 * order (a block is one step, a run of one `@Parallel` group, or a run of one route's forward targets);
 * group members share the first member's dependencies; forward route targets depend on their route;
 * explicit `after` wins. A back target (declared before its route) is sequenced like any other step and
 * does not depend on its route: the back edge is a loop, not a dependency. Dependencies are listed in
 * declaration order. Also reports a `join` on a step that ends up without dependencies, and two steps of
 * one block waiting for the same signal.
 */
export function resolveDependencies(
  drafts: readonly StepDraft[],
  targets: RouteTargets,
  problems: ProblemList,
): Map<string, ResolvedStep> {
  const names = drafts.map((d) => d.name);
  const position = new Map(names.map((name, i) => [name, i]));
  const groups = assignGroups(drafts, problems);
  const forwardRouterOf = new Map([...targets.routerOf].filter(([target]) => !targets.back.has(target)));
  const blocks = splitBlocks(drafts, groups, forwardRouterOf);
  checkSignalsPerBlock(blocks, groups, forwardRouterOf, problems);
  const resolved = new Map<string, ResolvedStep>();
  const byDeclaration = (list: Iterable<string>): string[] =>
    [...new Set(list)].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));

  blocks.forEach((block, index) => {
    block.forEach((draft, indexInBlock) => {
      const router = forwardRouterOf.get(draft.name);
      let deps: string[];
      if (draft.after !== undefined) {
        deps = draft.after.filter((dep) => {
          if (position.has(dep)) return true;
          problems.add(draft.name, messages.unknownAfter(dep, names));
          return false;
        });
        if (router !== undefined) deps.push(router);
      } else if (router !== undefined) {
        deps = [router];
      } else if (indexInBlock > 0 && groups.has(draft.name)) {
        deps = resolved.get(block[0].name)!.dependsOn;
      } else {
        deps = index === 0 ? [] : blocks[index - 1].map((d) => d.name);
      }
      const step: ResolvedStep = { dependsOn: byDeclaration(deps) };
      const group = groups.get(draft.name);
      if (group !== undefined) step.group = group;
      resolved.set(draft.name, step);
      if (draft.join !== undefined && step.dependsOn.length === 0 && !draft.after?.length)
        problems.add(draft.name, messages.joinOnRoot(draft.join));
    });
  });
  return resolved;
}

/** Names each step's `@Parallel` group: a named group by its name, a run of unnamed ones after its first member. */
function assignGroups(drafts: readonly StepDraft[], problems: ProblemList): Map<string, string> {
  const groups = new Map<string, string>();
  const runs = new Map<string, string[][]>();
  let previous: string | undefined;
  for (const draft of drafts) {
    let group: string | undefined;
    if (draft.parallelGroup === null) {
      const prior = drafts[drafts.indexOf(draft) - 1];
      group = prior?.parallelGroup === null && previous !== undefined ? previous : `parallel:${draft.name}`;
    } else if (draft.parallelGroup !== undefined) {
      group = draft.parallelGroup;
      const groupRuns = runs.get(group) ?? [];
      if (previous === group) groupRuns[groupRuns.length - 1].push(draft.name);
      else groupRuns.push([draft.name]);
      runs.set(group, groupRuns);
    }
    if (group !== undefined) groups.set(draft.name, group);
    previous = group;
  }
  for (const [group, groupRuns] of runs) {
    if (groupRuns.length > 1) problems.add(groupRuns[1][0], messages.groupNotAdjacent(group, groupRuns.flat()));
  }
  return groups;
}

/**
 * Splits the steps into blocks: maximal runs sharing a group, or sharing a route (forward targets only:
 * back targets are never "the block after the route"); otherwise single steps.
 */
function splitBlocks(
  drafts: readonly StepDraft[],
  groups: ReadonlyMap<string, string>,
  forwardRouterOf: ReadonlyMap<string, string>,
): StepDraft[][] {
  const blocks: StepDraft[][] = [];
  let previousKey: string | undefined;
  for (const draft of drafts) {
    const group = groups.get(draft.name);
    const router = forwardRouterOf.get(draft.name);
    const key = group !== undefined ? `group:${group}` : router !== undefined ? `route:${router}` : undefined;
    if (key !== undefined && key === previousKey) blocks[blocks.length - 1].push(draft);
    else blocks.push([draft]);
    previousKey = key;
  }
  return blocks;
}
