export { startRun, transition, type Transition, type StartRunOptions } from './coordinator.js';
export type { CoordinatorEvent } from './coordinator-event.js';
export type { CoordinatorAction } from './coordinator-action.js';
export type { RunState, StepState, ItemsState } from './run-state.js';
export { selectOutput } from './select-output.js';
export { isTerminal, isSuccess } from './step-status.js';
