import { BatonError } from './baton.error.js';
import { type DefinitionProblem, formatProblem } from './definition-problem.js';

/**
 * Thrown by `compileWorkflow` when a workflow class is invalid. It lists *every* problem found, each
 * naming `Class.method`, so one compile shows all there is to fix.
 */
export class WorkflowDefinitionError extends BatonError {
  /** Always `'WORKFLOW_DEFINITION'`. */
  readonly code = 'WORKFLOW_DEFINITION' as const;
  /** Every problem found, in class declaration order. */
  readonly problems: readonly DefinitionProblem[];

  constructor(workflow: string, problems: readonly DefinitionProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    super(`Workflow ${workflow} has ${count}:\n${lines.join('\n')}`, { workflow });
    this.problems = problems;
  }
}
