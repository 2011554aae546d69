import type { LoopNode, WorkflowGraph } from '@baton/sdk';
import type { RunState } from './run-state.js';
import { abortedError, abortRunning } from './end-run.js';
import type { TransitionDraft } from './transition-draft.js';

/** The loop a route's choice of `target` continues, if `target` is one of its back targets. */
export function loopOf(graph: WorkflowGraph, router: string, target: string): LoopNode | undefined {
  return graph.loops?.find((loop) => loop.router === router && loop.target === target);
}

/** The innermost loop a step belongs to (the smallest body containing it). */
function innermost(graph: WorkflowGraph, step: string): LoopNode | undefined {
  let found: LoopNode | undefined;
  for (const loop of graph.loops ?? []) {
    if (loop.body.includes(step) && (!found || loop.body.length < found.body.length)) found = loop;
  }
  return found;
}

/** Marks every step of a loop body as being in its first pass (a new run, or a step added to a body). */
export function firstPasses(graph: WorkflowGraph, state: RunState): void {
  for (const loop of graph.loops ?? []) {
    for (const name of loop.body) {
      const step = state.steps[name];
      if (step && step.iteration === undefined) step.iteration = 1;
    }
  }
}

/**
 * Starts the next pass of a loop: every body step returns to `pending` in the new pass (steps of loops
 * nested inside start theirs at 1), keeping its last output for `ctx.results`; `loop.iteration` records it.
 */
export function startPass(t: TransitionDraft, loop: LoopNode): void {
  const next = (t.state.steps[loop.router].iteration ?? 1) + 1;
  for (const name of loop.body) {
    const step = t.state.steps[name];
    if (step.status === 'running') abortRunning(t, step, abortedError(t, name, 'a new loop pass started'));
    step.status = 'pending';
    step.attempts = 0;
    step.iteration = innermost(t.graph, name) === loop ? next : 1;
    delete step.startedAt;
    delete step.endedAt;
    delete step.error;
    delete step.skipReason;
    delete step.items;
    delete step.itemsState;
    delete step.worker;
    delete step.waitingFor;
    delete step.received;
    t.touched.add(name);
  }
  t.emit('loop.iteration', {
    step: loop.router,
    iteration: next,
    data: { target: loop.target, iteration: next, maxIterations: loop.maxIterations, body: loop.body },
  });
}
