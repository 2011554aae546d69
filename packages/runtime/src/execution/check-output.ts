import { PayloadTooLargeError, SerializationError } from '@baton/sdk';
import { measureJson } from './measure-json.js';

/**
 * Default deepest nesting of a step output. `JSON.stringify` overflows the stack a few thousand levels
 * deep (about 4 000 on Node 20), and outputs are stringified to be stored, traced and sent.
 */
export const DEFAULT_MAX_OUTPUT_DEPTH = 512;

/** The limits a step output is held to. */
export interface OutputLimits {
  /** Largest output, in bytes of JSON (the `maxOutputBytes` option). */
  maxOutputBytes: number;
  /**
   * Deepest nesting of arrays and objects.
   * @defaultValue {@link DEFAULT_MAX_OUTPUT_DEPTH} (512)
   */
  maxDepth?: number;
}

/** The step an output comes from. */
export interface OutputContext {
  /** The workflow's registered name. */
  workflow: string;
  /** The step (method name). */
  step: string;
  /** The run id. */
  runId?: string;
  /** The item index, for a forEach item's output. */
  index?: number;
}

/** Longest path quoted in a too-deep message. */
const PATH_PREVIEW = 60;

/**
 * Checks a step output (or a `ctx.stop()` output) in one non-recursive walk: it must survive JSON
 * unchanged, nest at most `maxDepth` levels, and be at most `maxOutputBytes` bytes of JSON.
 *
 * @throws SerializationError naming the path of the first value JSON would lose or change, or where the
 * output nests too deep
 * @throws PayloadTooLargeError with `limit: 'maxOutputBytes'`, the limit and the output's size
 * @example
 * checkOutput(event.output, { maxOutputBytes: options.maxOutputBytes }, { workflow: 'support-ticket', step: 'classify', runId });
 */
export function checkOutput(value: unknown, limits: OutputLimits, context: OutputContext): void {
  const item = context.index === undefined ? '' : ` (item ${context.index})`;
  const what = `The output of ${context.workflow}.${context.step}${item}`;
  const errorContext = {
    workflow: context.workflow,
    step: context.step,
    ...(context.runId !== undefined && { runId: context.runId }),
  };
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_OUTPUT_DEPTH;
  let measure;
  try {
    measure = measureJson(value, maxDepth);
  } catch (error) {
    // A getter or proxy of the output threw while it was read.
    throw new SerializationError(what, `reading it threw ${(error as Error)?.message ?? String(error)}`, {
      ...errorContext,
      cause: error,
    });
  }
  if (measure.problem !== undefined) throw new SerializationError(what, measure.problem, errorContext);
  if (measure.tooDeepAt !== undefined) {
    const at =
      measure.tooDeepAt.length > PATH_PREVIEW ? `${measure.tooDeepAt.slice(0, PATH_PREVIEW)}…` : measure.tooDeepAt;
    throw new SerializationError(
      what,
      `it nests arrays and objects more than ${maxDepth} levels deep (at ${at})`,
      errorContext,
    );
  }
  if (measure.bytes > limits.maxOutputBytes) {
    throw new PayloadTooLargeError(
      { what, limit: 'maxOutputBytes', limitBytes: limits.maxOutputBytes, bytes: measure.bytes },
      errorContext,
    );
  }
}
