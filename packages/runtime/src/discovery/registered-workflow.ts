import type { CompiledWorkflow, WorkflowGraph } from '@baton/sdk';

/** A workflow the runtime can run: its compiled definition and the DI instance whose methods are its steps. */
export interface RegisteredWorkflow {
  readonly name: string;
  readonly graph: WorkflowGraph;
  readonly compiled: CompiledWorkflow;
  readonly instance: object;
}
