import type { CompiledWorkflow, WorkflowGraph } from '@baton/sdk';

/** A workflow the runtime can run: its compiled definition and the DI instance whose methods are its steps. */
export interface RegisteredWorkflow {
  /** The name runs are started by (`@Workflow({ name })`, or the class name). */
  readonly name: string;
  /** The compiled graph (the same as `compiled.graph`). */
  readonly graph: WorkflowGraph;
  /** The compiled definition: graph, class, input class and step code. */
  readonly compiled: CompiledWorkflow;
  /** The workflow class's instance from Nest's container; steps run as its methods. */
  readonly instance: object;
}
