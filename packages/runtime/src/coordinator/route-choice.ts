import { RouteError, type StepNode } from '@baton/sdk';

/** A route's return value checked against its targets: the chosen names, or the error to fail it with. */
export type RouteChoice = { ok: true; chosen: Set<string> } | { ok: false; error: RouteError };

/** Checks what a route returned: one target's name or an array of them (an empty array chooses none). */
export function routeChoice(workflow: string, node: StepNode, returned: unknown, runId: string): RouteChoice {
  const allowed = node.routes ?? [];
  const names = typeof returned === 'string' ? [returned] : Array.isArray(returned) ? (returned as unknown[]) : null;
  if (names && names.every((name) => typeof name === 'string' && allowed.includes(name))) {
    const back = names.find((name) => node.backTargets?.includes(name as string));
    if (back !== undefined && names.length > 1) {
      const problem = `'${back as string}' starts a new pass of its loop, so it must be chosen alone.`;
      return { ok: false, error: new RouteError(returned, allowed, { workflow, step: node.name, runId }, problem) };
    }
    return { ok: true, chosen: new Set(names as string[]) };
  }
  return { ok: false, error: new RouteError(returned, allowed, { workflow, step: node.name, runId }) };
}
