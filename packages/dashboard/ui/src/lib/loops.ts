import type { LoopNode, WorkflowGraph } from '@baton/sdk';

/** A step's loop pass as the run page shows it: `pass 2/3`. */
export interface LoopPass {
  iteration: number;
  maxIterations: number;
}

/** The innermost loop a step belongs to (the smallest body holding it), as the runtime counts passes. */
export function innermostLoop(loops: readonly LoopNode[] | undefined, step: string): LoopNode | undefined {
  let found: LoopNode | undefined;
  for (const loop of loops ?? []) {
    if (loop.body.includes(step) && (!found || loop.body.length < found.body.length)) found = loop;
  }
  return found;
}

/**
 * The pass a loop-body step is in after its loop `loop` started pass `iteration`: that pass for the
 * loop's own steps, 1 for the steps of a loop nested inside it (they start over).
 */
export function passAfterNewIteration(
  loops: readonly LoopNode[] | undefined,
  loop: { router: string; target: string },
  step: string,
  iteration: number,
): number {
  const inner = innermostLoop(loops, step);
  return !inner || (inner.router === loop.router && inner.target === loop.target) ? iteration : 1;
}

/** A step's pass out of its innermost loop's cap, or `undefined` outside loops. */
export function loopPass(graph: WorkflowGraph | undefined, step: string, iteration?: number): LoopPass | undefined {
  const loop = innermostLoop(graph?.loops, step);
  if (!loop) return undefined;
  return { iteration: iteration ?? 1, maxIterations: loop.maxIterations };
}

/** `pass 2/3`. */
export function passLabel(pass: LoopPass): string {
  return `pass ${pass.iteration}/${pass.maxIterations}`;
}
