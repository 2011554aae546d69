import type { StepContext } from '../context/step-context.js';

/** Computes a step's delay, in milliseconds, from its context (e.g. from an earlier step's `retryAfter`). */
export type DelayFn<I = unknown, R extends object = Record<string, unknown>> = (ctx: StepContext<I, R>) => number;

/** What `@Delay` accepts: a number of milliseconds, or a function of the step's context returning one. */
export type DelayValue = number | DelayFn<never, never>;
