import type { WorkflowGraph } from '@baton/sdk';
import { graphUnits } from './graph-units.js';

/** With more workflows than this, the index gets a filter box and cards further down render lazily. */
export const INDEX_FILTER_ABOVE = 8;

/** One line of the workflows index. */
export interface IndexEntry {
  name: string;
  description?: string;
  steps: number;
  /** Parallel groups and loops: the parts of its graph that collapse. */
  groups: number;
  loops: number;
  signals: string[];
  /** The workflows page scrolled to this workflow's card. */
  href: string;
}

/** The index line of a workflow. */
export function indexEntry(graph: WorkflowGraph): IndexEntry {
  const units = graphUnits(graph);
  return {
    name: graph.name,
    ...(graph.description !== undefined && { description: graph.description }),
    steps: graph.steps.length,
    groups: units.filter((u) => u.kind === 'parallel').length,
    loops: units.filter((u) => u.kind === 'loop').length,
    signals: graph.signals ?? [],
    href: `#/workflows/${encodeURIComponent(graph.name)}`,
  };
}

/** The entries whose name, description or a signal contains every word of `query` (any case). */
export function filterIndex(entries: readonly IndexEntry[], query: string): IndexEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = [entry.name, entry.description ?? '', ...entry.signals].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
