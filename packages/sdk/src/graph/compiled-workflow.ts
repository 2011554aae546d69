import type { StepContext } from '../context/step-context.js';
import type { Type } from '../options/workflow-options.js';
import type { WorkflowGraph } from './workflow-graph.js';

/** A step's fallback: a function, or a method of the workflow class to call on the instance. */
export type CompiledFallback =
  { kind: 'function'; fn: (ctx: StepContext, error: unknown) => unknown } | { kind: 'method'; method: string };

/** The parts of a step that are code, not JSON: what the runtime needs beside the graph. */
export interface CompiledStep {
  /** The step's name, which is also its method name. */
  name: string;
  /** Decides whether an error is retried. */
  retryIf?: (error: unknown, attempt: number) => boolean;
  /** The fallback, if the step has one. */
  fallback?: CompiledFallback;
  /** For a forEach step, the function returning its items. */
  forEach?: (ctx: StepContext) => readonly unknown[] | Promise<readonly unknown[]>;
  /** For a `@WaitFor` step with a payload class: the class a signal's payload is validated against. */
  waitPayload?: Type;
  /** For a `@Delay` step given a function: computes its delay in milliseconds (a fixed delay is in the graph). */
  delay?: (ctx: StepContext) => number;
}

/** Everything compiled from a workflow class: its JSON graph, and the code the runtime calls. */
export interface CompiledWorkflow {
  /** The JSON graph. */
  graph: WorkflowGraph;
  /** The workflow class. */
  target: Type;
  /** The input class, if `@Workflow({ input })` names one. */
  inputClass?: Type;
  /** Code of each step, by name. */
  steps: Record<string, CompiledStep>;
}
