import { BatonError, type BatonErrorContext } from './baton.error.js';

/**
 * A route chose its back target once more than `@Route(targets, { maxIterations })` allows. A `@Fallback`
 * on the route may return an exit target instead.
 */
export class LoopLimitError extends BatonError {
  /** Always `'LOOP_LIMIT'`. */
  readonly code = 'LOOP_LIMIT' as const;
  /** The back target the route chose. */
  readonly target: string;
  /** The cap on passes. */
  readonly maxIterations: number;

  constructor(target: string, maxIterations: number, context: BatonErrorContext & { workflow: string; step: string }) {
    super(
      `Route ${context.workflow}.${context.step} chose '${target}' after ${maxIterations} ` +
        `pass${maxIterations === 1 ? '' : 'es'}, the most maxIterations allows` +
        `${context.runId ? ` (run ${context.runId})` : ''}. Raise maxIterations, or add a @Fallback that returns an exit target.`,
      context,
    );
    this.target = target;
    this.maxIterations = maxIterations;
  }
}
