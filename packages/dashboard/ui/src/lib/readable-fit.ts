import type { FitViewOptions } from '@xyflow/react';
import type { GraphLayout } from './graph-layout.js';

/** Room around the graph when it is fitted, as a fraction of the canvas. */
export const FIT_PADDING = 0.12;
/**
 * The lowest zoom the first view of a graph uses: step names (12.5 px) stay about 6 px high, still
 * readable. A graph that only fits smaller is shown from its top at this zoom instead.
 */
export const READABLE_ZOOM = 0.5;

/**
 * How to fit a graph in a canvas of `width` × `height` pixels: the whole graph (never above 100 %) when it
 * fits at {@link READABLE_ZOOM} or more; otherwise its top part, the steps that fit the canvas's height at
 * that zoom, so a 500-step graph opens readable at its start rather than as a field of specks (the minimap
 * and panning show the rest).
 */
export function readableFit(layout: GraphLayout, width: number, height: number): FitViewOptions {
  const whole = Math.min(width / layout.width, height / layout.height) / (1 + 2 * FIT_PADDING);
  if (whole >= READABLE_ZOOM || layout.steps.length + layout.summaries.length <= 1) {
    return { padding: FIT_PADDING, maxZoom: 1 };
  }
  const tops = [...layout.steps, ...layout.summaries.map((s) => ({ ...s, step: { name: s.unit.id } }))];
  const start = Math.min(...tops.map((n) => n.y));
  const reach = (height / READABLE_ZOOM) * (1 - 2 * FIT_PADDING);
  const first = tops.filter((n) => n.y + n.height <= start + reach);
  const nodes = (first.length > 0 ? first : tops.slice(0, 1)).map((n) => ({ id: n.step.name }));
  return { padding: FIT_PADDING, minZoom: READABLE_ZOOM, maxZoom: 1, nodes };
}
