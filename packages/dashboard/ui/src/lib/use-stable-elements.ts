import { useRef } from 'react';

/** What a node or an edge is compared by: everything but the big objects a layout shares (`step`, `unit`). */
export function signature(element: object): string {
  return JSON.stringify(element, (key, value: unknown) => (key === 'step' || key === 'unit' ? undefined : value));
}

/**
 * Keeps the previous object of every element whose {@link signature} did not change, so a live update that
 * recolours three steps of a 500-step graph hands React Flow 497 identical nodes: it keeps their internals
 * and measurements and re-renders none of their (memoised) components. A new `layout` starts over.
 */
export function useStableElements<T extends { id: string }>(next: T[], layout: object): T[] {
  const kept = useRef<{ layout: object; byId: Map<string, { sig: string; element: T }> }>(undefined);
  if (kept.current?.layout !== layout) kept.current = { layout, byId: new Map() };
  const { byId } = kept.current;
  const seen = new Set<string>();
  const result = next.map((element) => {
    seen.add(element.id);
    const sig = signature(element);
    const before = byId.get(element.id);
    if (before?.sig === sig) return before.element;
    byId.set(element.id, { sig, element });
    return element;
  });
  for (const id of byId.keys()) if (!seen.has(id)) byId.delete(id);
  return result;
}
