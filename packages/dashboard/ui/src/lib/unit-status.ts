import type { GraphUnit } from './graph-units.js';
import type { LoopPass } from './loops.js';
import type { StepState } from './states.js';

/** A collapsed unit's state on a run page, from its steps' states. */
export interface UnitStatus {
  state: StepState;
  /** Its steps. */
  total: number;
  /** Its steps that reached an end: succeeded, recovered, failed, aborted, skipped or superseded. */
  done: number;
  failed: number;
  /** For a loop: the pass of its back target. */
  pass?: LoopPass;
}

const ENDED = new Set<StepState>(['succeeded', 'recovered', 'failed', 'aborted', 'skipped', 'superseded']);
const NOT_RUN = new Set<StepState>(['skipped', 'superseded']);

/**
 * The state a collapsed unit is drawn in: failed if a step failed; running if one is running or retrying;
 * waiting if one waits; aborted if one was aborted; pending if none started; skipped if none ran; succeeded
 * once every step ended well; otherwise (some done, the rest pending) running, as the unit is under way.
 */
export function unitStatus(
  unit: GraphUnit,
  states: Readonly<Record<string, { state: StepState; pass?: LoopPass }>>,
): UnitStatus {
  const count = new Map<StepState, number>();
  let done = 0;
  for (const name of unit.members) {
    const state = states[name]?.state ?? 'pending';
    count.set(state, (count.get(state) ?? 0) + 1);
    if (ENDED.has(state)) done++;
  }
  const has = (state: StepState): boolean => (count.get(state) ?? 0) > 0;
  const total = unit.members.length;
  const notRun = [...NOT_RUN].reduce((n, state) => n + (count.get(state) ?? 0), 0);
  let state: StepState;
  if (has('failed')) state = 'failed';
  else if (has('running') || has('retrying')) state = 'running';
  else if (has('waiting')) state = 'waiting';
  else if (has('aborted')) state = 'aborted';
  else if (count.get('pending') === total) state = 'pending';
  else if (notRun === total) state = 'skipped';
  else if (done === total) state = 'succeeded';
  else state = 'running';
  const pass = unit.target !== undefined ? states[unit.target]?.pass : undefined;
  return { state, total, done, failed: count.get('failed') ?? 0, ...(pass && { pass }) };
}

/** `3/5 done`, with the failures when there are some: `4/5 done · 1 failed`. */
export function unitProgress(status: UnitStatus): string {
  const failed = status.failed > 0 ? ` · ${status.failed} failed` : '';
  return `${status.done}/${status.total} done${failed}`;
}
