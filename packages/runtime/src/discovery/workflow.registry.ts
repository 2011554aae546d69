import { Injectable } from '@nestjs/common';
import { compileWorkflowDefinition, DuplicateWorkflowError, UnknownWorkflowError, type Type } from '@baton/sdk';
import type { RegisteredWorkflow } from './registered-workflow.js';

/** Every workflow known to this process, by name and by class. */
@Injectable()
export class WorkflowRegistry {
  private readonly byName = new Map<string, RegisteredWorkflow>();
  private readonly byClass = new Map<Type, RegisteredWorkflow>();

  /**
   * Compiles and registers a workflow class with the instance that runs its steps.
   *
   * @throws WorkflowDefinitionError when the class is invalid
   * @throws DuplicateWorkflowError when another class already has its name
   */
  register(target: Type, instance: object): RegisteredWorkflow {
    const existing = this.byClass.get(target);
    if (existing) return existing;
    const compiled = compileWorkflowDefinition(target);
    const name = compiled.graph.name;
    const clash = this.byName.get(name);
    if (clash) throw new DuplicateWorkflowError(name, clash.compiled.target.name, target.name);
    const registered: RegisteredWorkflow = { name, graph: compiled.graph, compiled, instance };
    this.byName.set(name, registered);
    this.byClass.set(target, registered);
    return registered;
  }

  /**
   * The workflow registered under a name or for a class.
   *
   * @throws UnknownWorkflowError listing the registered names
   */
  get(workflow: string | Type): RegisteredWorkflow {
    const found = typeof workflow === 'string' ? this.byName.get(workflow) : this.byClass.get(workflow);
    if (!found) throw new UnknownWorkflowError(typeof workflow === 'string' ? workflow : workflow.name, this.names());
    return found;
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** Every registered workflow, sorted by name. */
  all(): RegisteredWorkflow[] {
    return this.names().map((name) => this.byName.get(name)!);
  }
}
