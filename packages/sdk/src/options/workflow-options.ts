import type { Budget } from './budget.js';

/** A class constructor (used for workflow classes and input classes). */
export type Type<T = object> = new (...args: never[]) => T;

/** Options of `@Workflow`. */
export interface WorkflowOptions {
  /**
   * The name runs are started by (`client.start('support-ticket', ...)`). Letters, digits, `.`, `_` and
   * `-`, starting with a letter or digit.
   * @defaultValue the class name
   */
  name?: string;
  /**
   * A class describing the input, decorated with class-validator; the runtime transforms the plain input
   * into it and validates it before anything starts.
   * @defaultValue none: the input is passed through as given
   */
  input?: Type;
  /**
   * The step whose value is the run's output.
   * @defaultValue the value of the one sink step that succeeded; an object keyed by name if several did
   */
  output?: string;
  /**
   * Bound on the whole run, in milliseconds (`WorkflowTimeoutError` when exceeded).
   * @defaultValue no bound
   */
  timeout?: number;
  /**
   * What a run may spend: step executions, tokens, money (`BudgetExceededError` when a cap is crossed).
   * @defaultValue no budget
   */
  budget?: Budget;
  /**
   * A version label shown in traces and the dashboard.
   * @defaultValue a hash of the compiled graph, so it changes exactly when the graph does
   */
  version?: string;
  /**
   * A sentence describing the workflow, shown in the dashboard.
   * @defaultValue none
   */
  description?: string;
}
