import { useEffect, type RefObject } from 'react';
import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { NODE_WIDTH, type GraphLayout } from '../lib/graph-layout.js';

/**
 * What to do with the view once a collapse or an expand has laid the graph out again: keep one unit where
 * it was on screen (the middle of its box's or its summary's top edge, before), or fit the graph again
 * (after expanding or collapsing everything).
 */
export type Anchor = { id: string; x: number; y: number } | { refit: true };

/** The middle of the top edge of a unit's box or summary node in a layout, if drawn. */
export function unitTop(layout: GraphLayout, id: string): { x: number; y: number } | undefined {
  const box = layout.groups.find((g) => g.id === id);
  if (box) return { x: box.x + box.width / 2, y: box.y };
  const summary = layout.summaries.find((s) => s.unit.id === id);
  return summary && { x: summary.x + NODE_WIDTH / 2, y: summary.y };
}

interface Props {
  layout: GraphLayout;
  anchor: RefObject<Anchor | undefined>;
  fit: (width: number, height: number) => FitViewOptions;
}

/**
 * After a collapse or an expand, pans so the unit's top middle stays where it was on screen (a group opens
 * out to both sides of its summary, and folds back into it, instead of the graph jumping), or refits after
 * a change of everything.
 */
export function KeepInPlace({ layout, anchor, fit }: Props) {
  const { getViewport, setViewport, fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    const before = anchor.current;
    if (!before) return;
    anchor.current = undefined;
    if ('refit' in before) {
      if (width > 0 && height > 0) void fitView(fit(width, height));
      return;
    }
    const after = unitTop(layout, before.id);
    if (!after) return;
    const { x, y, zoom } = getViewport();
    void setViewport({ x: x - (after.x - before.x) * zoom, y: y - (after.y - before.y) * zoom, zoom });
  }, [layout, anchor, fit, width, height, fitView, getViewport, setViewport]);
  return null;
}
