import type { AttemptView, LoopMark, RunModel, StepView } from './run-model.js';

/** One lane of the waterfall: a step, one item of a forEach step, or one loop pass of either. */
export interface WaterfallRow {
  kind: 'step';
  key: string;
  step: StepView;
  index?: number;
  /** The loop pass the lane's attempts ran in, for a step in a loop body. */
  iteration?: number;
  /** The lane is the step's current pass (or the step, outside loops), so it shows the step's own state. */
  current: boolean;
  attempts: AttemptView[];
}

/** The passes of one loop, drawn below its route's lanes: a marker where each new pass started. */
export interface LoopRow {
  kind: 'loop';
  key: string;
  router: string;
  target: string;
  marks: LoopMark[];
}

/** A row of the waterfall. */
export type TimelineRow = WaterfallRow | LoopRow;

const byLaneOrder = (a: WaterfallRow, b: WaterfallRow): number =>
  (a.iteration ?? 0) - (b.iteration ?? 0) || (a.index ?? -1) - (b.index ?? -1);

/** A step's lanes: one per item and loop pass, plus an empty one for a current pass not started yet. */
function stepLanes(step: StepView): WaterfallRow[] {
  const lanes = new Map<string, WaterfallRow>();
  const passes = step.attemptList.map((a) => a.iteration ?? 0);
  const currentPass =
    step.pass?.iteration ?? (passes.length > 0 && Math.max(...passes) > 0 ? Math.max(...passes) : undefined);
  for (const attempt of step.attemptList) {
    const key = `${step.name}:${attempt.index ?? ''}:${attempt.iteration ?? ''}`;
    let lane = lanes.get(key);
    if (!lane) {
      lane = {
        kind: 'step',
        key,
        step,
        ...(attempt.index !== undefined && { index: attempt.index }),
        ...(attempt.iteration !== undefined && { iteration: attempt.iteration }),
        current: attempt.iteration === undefined || attempt.iteration === currentPass,
        attempts: [],
      };
      lanes.set(key, lane);
    }
    lane.attempts.push(attempt);
  }
  const rows = [...lanes.values()];
  if (!rows.some((r) => r.current)) {
    rows.push({
      kind: 'step',
      key: `${step.name}::${currentPass ?? ''}`,
      step,
      ...(currentPass !== undefined && { iteration: currentPass }),
      current: true,
      attempts: [],
    });
  }
  return rows.sort(byLaneOrder);
}

/**
 * Rows in graph order: each step's lanes by pass then item, and after a route that looped, a row with its
 * new passes. At most `max` rows are built (the rest are counted).
 */
export function waterfallRows(model: RunModel, max: number): { rows: TimelineRow[]; hidden: number } {
  const rows: TimelineRow[] = [];
  let hidden = 0;
  const push = (row: TimelineRow): void => {
    if (rows.length >= max) hidden++;
    else rows.push(row);
  };
  for (const name of model.order) {
    stepLanes(model.steps[name]).forEach(push);
    const loops = new Map<string, LoopMark[]>();
    for (const mark of model.loopMarks) {
      if (mark.router !== name) continue;
      const marks = loops.get(mark.target);
      if (marks) marks.push(mark);
      else loops.set(mark.target, [mark]);
    }
    for (const [target, marks] of loops)
      push({ kind: 'loop', key: `loop:${name}:${target}`, router: name, target, marks });
  }
  return { rows, hidden };
}

/** Round tick spacing (1, 2 or 5 × 10^k ms) giving about `count` ticks over `span` ms. */
export function tickStep(span: number, count = 6): number {
  const raw = Math.max(span, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}
