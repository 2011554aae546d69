import { BatonError, type BatonErrorContext } from './baton.error.js';

/** Longest path quoted in the message; deeper paths are cut with an ellipsis. */
const PATH_PREVIEW = 60;

/**
 * A run's input nests arrays and objects deeper than `maxInputDepth`; no run was started. Found before
 * anything walks the input recursively, so a hostile input gives this error instead of a stack overflow.
 */
export class InputTooDeepError extends BatonError {
  /** Always `'INPUT_TOO_DEEP'`. */
  readonly code = 'INPUT_TOO_DEEP' as const;
  /** The deepest nesting allowed (the `maxInputDepth` option). */
  readonly maxDepth: number;
  /** The path of the first array or object below that depth, e.g. `$.a.b[0]`. */
  readonly path: string;

  constructor(maxDepth: number, path: string, context: BatonErrorContext & { workflow: string }) {
    const shown = path.length > PATH_PREVIEW ? `${path.slice(0, PATH_PREVIEW)}…` : path;
    super(
      `The input of ${context.workflow} nests arrays and objects more than ${maxDepth} levels deep (at ${shown}). ` +
        'Flatten the input or raise BatonModule.forRoot({ maxInputDepth }).',
      context,
    );
    this.maxDepth = maxDepth;
    this.path = path;
  }
}
