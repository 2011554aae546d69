import type { AttemptView, RunModel, StepView } from './run-model.js';

/** One lane of the waterfall: a step, or one item of a forEach step. */
export interface WaterfallRow {
  key: string;
  step: StepView;
  index?: number;
  attempts: AttemptView[];
}

/** Lanes in graph order, items by index; at most `max` lanes (the rest are counted, not built). */
export function waterfallRows(model: RunModel, max: number): { rows: WaterfallRow[]; hidden: number } {
  const rows: WaterfallRow[] = [];
  let hidden = 0;
  for (const name of model.order) {
    const step = model.steps[name];
    const lanes = new Map<number | undefined, AttemptView[]>();
    for (const attempt of step.attemptList) {
      const lane = lanes.get(attempt.index);
      if (lane) lane.push(attempt);
      else lanes.set(attempt.index, [attempt]);
    }
    if (lanes.size === 0) lanes.set(undefined, []);
    const ordered = [...lanes].sort(([a], [b]) => (a ?? -1) - (b ?? -1));
    for (const [index, attempts] of ordered) {
      if (rows.length >= max) {
        hidden++;
        continue;
      }
      rows.push({ key: `${name}:${index ?? ''}`, step, ...(index !== undefined && { index }), attempts });
    }
  }
  return { rows, hidden };
}

/** Round tick spacing (1, 2 or 5 × 10^k ms) giving about `count` ticks over `span` ms. */
export function tickStep(span: number, count = 6): number {
  const raw = Math.max(span, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}
