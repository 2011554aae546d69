import { messages } from '../errors/messages.js';
import type { ProblemList } from './problem-list.js';
import type { StepDraft } from './step-draft.js';

/**
 * Reports two steps of one block (a run of one `@Parallel` group or of one route's forward targets, as the
 * implicit sequence splits them) that wait for the same signal: they wait at the same time, so which one
 * takes which signal would depend on arrival order alone. Each later step is reported against the first.
 */
export function checkSignalsPerBlock(
  blocks: readonly (readonly StepDraft[])[],
  groups: ReadonlyMap<string, string>,
  forwardRouterOf: ReadonlyMap<string, string>,
  problems: ProblemList,
): void {
  for (const block of blocks) {
    const firstWaiting = new Map<string, string>();
    for (const draft of block) {
      const signal = draft.wait?.signal;
      if (signal === undefined) continue;
      const first = firstWaiting.get(signal);
      if (first === undefined) firstWaiting.set(signal, draft.name);
      else
        problems.add(
          draft.name,
          messages.sameSignalInBlock(signal, first, draft.name, describeBlock(draft.name, groups, forwardRouterOf)),
        );
    }
  }
}

/** How a block of several steps came about, for the message. */
function describeBlock(
  step: string,
  groups: ReadonlyMap<string, string>,
  forwardRouterOf: ReadonlyMap<string, string>,
): string {
  const group = groups.get(step);
  if (group === undefined) return `consecutive targets of route '${forwardRouterOf.get(step)}'`;
  return group.startsWith('parallel:') ? 'members of one @Parallel group' : `members of @Parallel group '${group}'`;
}
