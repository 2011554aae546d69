import { describe, expect, it } from 'vitest';
import {
  BatonError,
  DuplicateWorkflowError,
  InputValidationError,
  NonRetryableError,
  RouteError,
  RunCancelledError,
  RunNotFoundError,
  SerializationError,
  StepFailedError,
  StepAbortedError,
  StepTimeoutError,
  UnknownWorkflowError,
  WorkflowDefinitionError,
  WorkflowTimeoutError,
  serializeError,
} from '../index.js';

describe('errors', () => {
  const cause = new Error('socket hang up');
  const cases: Array<[BatonError, string, string]> = [
    [
      new WorkflowDefinitionError('W', [{ workflow: 'W', step: 'a', message: 'bad.' }]),
      'WorkflowDefinitionError',
      'WORKFLOW_DEFINITION',
    ],
    [new DuplicateWorkflowError('n', 'A', 'B'), 'DuplicateWorkflowError', 'DUPLICATE_WORKFLOW'],
    [new InputValidationError('In', [], { workflow: 'w' }), 'InputValidationError', 'INPUT_VALIDATION'],
    [new UnknownWorkflowError('x', ['a', 'b']), 'UnknownWorkflowError', 'UNKNOWN_WORKFLOW'],
    [new StepTimeoutError(50, { workflow: 'w', step: 's', runId: 'r' }), 'StepTimeoutError', 'STEP_TIMEOUT'],
    [new WorkflowTimeoutError(50, { workflow: 'w', runId: 'r' }), 'WorkflowTimeoutError', 'WORKFLOW_TIMEOUT'],
    [new RouteError(42, ['a', 'b'], { workflow: 'w', step: 'route' }), 'RouteError', 'ROUTE'],
    [new StepFailedError('boom', { workflow: 'w', step: 's', cause }), 'StepFailedError', 'STEP_FAILED'],
    [new RunCancelledError({ runId: 'r' }), 'RunCancelledError', 'RUN_CANCELLED'],
    [new RunNotFoundError('r'), 'RunNotFoundError', 'RUN_NOT_FOUND'],
    [
      new SerializationError('Output of w.s', 'it contains a function', { step: 's' }),
      'SerializationError',
      'SERIALIZATION',
    ],
    [new NonRetryableError('no customer', { cause }), 'NonRetryableError', 'NON_RETRYABLE'],
    [new StepAbortedError('the run was cancelled', { workflow: 'w', step: 's' }), 'StepAbortedError', 'STEP_ABORTED'],
  ];

  it.each(cases)('%s has a stable name and code and is a BatonError', (error, name, code) => {
    expect(error).toBeInstanceOf(BatonError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(serializeError(error)).toMatchObject({ name, code, message: error.message });
  });

  it('keeps the cause and the context fields', () => {
    const error = new StepFailedError('boom', { workflow: 'w', step: 's', runId: 'r1', cause });
    expect(error.cause).toBe(cause);
    expect([error.workflow, error.step, error.runId]).toEqual(['w', 's', 'r1']);
    expect(error.message).toBe('Step w.s failed: boom');
  });

  it('explains what to do in its message', () => {
    expect(new RouteError('nope', ['a', 'b'], { workflow: 'w', step: 'route' }).message).toBe(
      "Route w.route returned \"nope\"; it must return one of 'a', 'b' or an array of them.",
    );
    expect(new UnknownWorkflowError('x', ['a']).message).toContain("Registered workflows: 'a'.");
    expect(new StepTimeoutError(50, { workflow: 'w', step: 's' }).message).toContain('make the step honour ctx.signal');
  });

  it('serialises non-Error throws without losing them', () => {
    expect(serializeError('plain string')).toEqual({
      name: 'NonErrorThrown',
      message: 'A non-Error value was thrown: "plain string"',
    });
  });
});
