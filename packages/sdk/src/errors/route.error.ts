import { BatonError, type BatonErrorContext, describeValue } from './baton.error.js';

/** A `@Route` step returned something other than one of its targets or an array of them. */
export class RouteError extends BatonError {
  /** Always `'ROUTE'`. */
  readonly code = 'ROUTE' as const;
  /** The targets the route may choose. */
  readonly allowed: readonly string[];

  /**
   * @param problem - what is wrong with the value, when it is not simply outside the targets (e.g. a back
   *   target chosen together with others)
   */
  constructor(
    returned: unknown,
    allowed: readonly string[],
    context: BatonErrorContext & { workflow: string; step: string },
    problem?: string,
  ) {
    super(
      `Route ${context.workflow}.${context.step} returned ${describeValue(returned)}; ` +
        (problem ?? `it must return one of ${allowed.map((t) => `'${t}'`).join(', ')} or an array of them.`),
      context,
    );
    this.allowed = allowed;
  }
}
