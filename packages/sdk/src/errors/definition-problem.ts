/** One thing wrong with a workflow class, found by the compiler. */
export interface DefinitionProblem {
  /** The workflow class name. */
  readonly workflow: string;
  /** The method at fault, when the problem is about one method. */
  readonly step?: string;
  /** What is wrong and how to fix it, without the `Class.method` prefix. */
  readonly message: string;
}

/** Formats a problem as `Class.method: message` (or `Class: message`). */
export function formatProblem(problem: DefinitionProblem): string {
  const where = problem.step === undefined ? problem.workflow : `${problem.workflow}.${problem.step}`;
  return `${where}: ${problem.message}`;
}
