import { expect } from 'vitest';
import { formatProblem } from '../errors/definition-problem.js';
import { WorkflowDefinitionError } from '../errors/workflow-definition.error.js';
import type { Type } from '../options/workflow-options.js';
import { compileWorkflow } from './compile-workflow.js';

/** Compiles, expecting a WorkflowDefinitionError, and returns it. */
export function definitionError(target: Type): WorkflowDefinitionError {
  expect(() => compileWorkflow(target)).toThrow(WorkflowDefinitionError);
  try {
    compileWorkflow(target);
  } catch (error) {
    return error as WorkflowDefinitionError;
  }
  throw new Error('unreachable');
}

/** Every problem of a class, formatted as `Class.method: message`, in the order reported. */
export function problemLines(target: Type): string[] {
  const error = definitionError(target);
  expect(error.code).toBe('WORKFLOW_DEFINITION');
  return error.problems.map(formatProblem);
}

/** The single problem of a class, formatted as `Class.method: message`. */
export function onlyProblem(target: Type): string {
  const lines = problemLines(target);
  expect(lines).toHaveLength(1);
  return lines[0];
}
