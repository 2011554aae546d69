import type { WorkflowGraph } from '@baton/sdk';
import { layoutGraph, type GraphLayout } from './graph-layout.js';

/** How many layouts are kept (a few graphs, each with a few collapse states). */
const KEEP = 24;

const keys = new WeakMap<WorkflowGraph, string>();
const layouts = new Map<string, GraphLayout>();

/** What a layout depends on in a graph: its steps and loops (not its name, version or description). */
function structureKey(graph: WorkflowGraph): string {
  let key = keys.get(graph);
  if (key === undefined) {
    key = JSON.stringify([graph.steps, graph.loops ?? []]);
    keys.set(graph, key);
  }
  return key;
}

/**
 * The layout of `graph` with the units in `collapsed` collapsed, computed once per graph structure and
 * collapse state: a run page whose graph object is replaced by an equal one (a reconnect, the stream's copy
 * after the workflows list's) reuses it, and live updates, which only change step states, never lay out.
 * The least recently used layouts are dropped past {@link KEEP}.
 */
export function cachedLayout(graph: WorkflowGraph, collapsed: ReadonlySet<string>): GraphLayout {
  const key = `${structureKey(graph)}\u0000${[...collapsed].sort().join('\u0000')}`;
  const hit = layouts.get(key);
  if (hit) {
    layouts.delete(key);
    layouts.set(key, hit);
    return hit;
  }
  const fresh = layoutGraph(graph, collapsed);
  layouts.set(key, fresh);
  if (layouts.size > KEEP) layouts.delete(layouts.keys().next().value!);
  return fresh;
}
