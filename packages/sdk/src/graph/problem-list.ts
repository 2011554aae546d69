import type { DefinitionProblem } from '../errors/definition-problem.js';

/** Collects definition problems of one workflow class, so the compiler reports all of them at once. */
export class ProblemList {
  readonly items: DefinitionProblem[] = [];

  constructor(readonly workflow: string) {}

  /** Adds a problem about the class (`step` undefined) or one of its methods. */
  add(step: string | undefined, message: string): void {
    this.items.push(
      step === undefined ? { workflow: this.workflow, message } : { workflow: this.workflow, step, message },
    );
  }

  /** The problems sorted stably: class-level first, then by the method's position in `order`. */
  inOrder(order: readonly string[]): DefinitionProblem[] {
    const rank = (p: DefinitionProblem): number =>
      p.step === undefined ? -1 : order.indexOf(p.step) + 1 || order.length + 1;
    return [...this.items].sort((a, b) => rank(a) - rank(b));
  }
}
