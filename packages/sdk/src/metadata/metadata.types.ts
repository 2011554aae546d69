import type { DelayValue } from '../options/delay-options.js';
import type { FallbackHandler } from '../options/fallback-options.js';
import type { ParallelOptions } from '../options/parallel-options.js';
import type { RetryOptions } from '../options/retry-options.js';
import type { RouteOptions } from '../options/route-options.js';
import type { StepOptions } from '../options/step-options.js';
import type { WaitForOptions } from '../options/wait-for-options.js';
import type { WorkflowOptions } from '../options/workflow-options.js';

/** What `@Workflow` stores on a class: its options as given (validated later by the compiler). */
export interface WorkflowMetadata {
  /** The options passed to `@Workflow` (`{}` when none), not yet validated. */
  readonly options: WorkflowOptions;
}

/** What `@Step` stores on a method. */
export interface StepMetadata {
  readonly options: StepOptions;
}

/** What `@Route` stores on a method. */
export interface RouteMetadata {
  readonly targets: readonly string[];
  readonly options: RouteOptions;
}

/** What `@Parallel` stores on a method. */
export interface ParallelMetadata {
  readonly options: ParallelOptions | undefined;
}

/** What `@Retry` stores on a method. */
export interface RetryMetadata {
  readonly options: RetryOptions | number;
}

/** What `@Timeout` stores on a method. */
export interface TimeoutMetadata {
  readonly ms: number;
}

/** What `@Fallback` stores on a method. */
export interface FallbackMetadata {
  readonly handler: FallbackHandler;
}

/** What `@WaitFor` stores on a method: the signal name and options as given (validated by the compiler). */
export interface WaitForMetadata {
  readonly signal: string;
  readonly options: WaitForOptions;
}

/** What `@Delay` stores on a method: milliseconds, or a function of the context returning them. */
export interface DelayMetadata {
  readonly delay: DelayValue;
}

/** A decorator used where it cannot work (a static member, a property, a symbol name), kept for the compiler to report. */
export interface MisuseMetadata {
  readonly decorator: string;
  readonly member: string;
  readonly problem: string;
}

/**
 * Everything the decorators recorded on one method. Each field is a list so that a decorator applied
 * twice is reported instead of silently overwriting the first.
 */
export interface MethodMetadata {
  readonly name: string;
  /** Whether the class defines a member of that name at all. */
  readonly exists: boolean;
  /** Whether that member is a plain method (not a getter, setter or field). */
  readonly isFunction: boolean;
  readonly step: readonly StepMetadata[];
  readonly route: readonly RouteMetadata[];
  readonly parallel: readonly ParallelMetadata[];
  readonly retry: readonly RetryMetadata[];
  readonly timeout: readonly TimeoutMetadata[];
  readonly fallback: readonly FallbackMetadata[];
  readonly waitFor: readonly WaitForMetadata[];
  readonly delay: readonly DelayMetadata[];
}
