import type { StepContext } from '../context/step-context.js';

/** A fallback function: called as `(ctx, error)` after the last attempt failed; its value becomes the output. */
export type FallbackFn<I = unknown, R extends object = Record<string, unknown>, O = unknown> = (
  ctx: StepContext<I, R>,
  error: unknown,
) => O | Promise<O>;

/** What `@Fallback` accepts: a function, or the name of a method of the same class. */
export type FallbackHandler = FallbackFn<never, never, unknown> | string;
