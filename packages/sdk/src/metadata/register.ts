import 'reflect-metadata';
import {
  DELAY_METADATA,
  FALLBACK_METADATA,
  MEMBER_NAMES_METADATA,
  MISUSE_METADATA,
  PARALLEL_METADATA,
  RETRY_METADATA,
  ROUTE_METADATA,
  STEP_METADATA,
  TIMEOUT_METADATA,
  WAIT_FOR_METADATA,
  WORKFLOW_METADATA,
} from '../constants.js';
import type { DelayValue } from '../options/delay-options.js';
import type { FallbackHandler } from '../options/fallback-options.js';
import type { ParallelOptions } from '../options/parallel-options.js';
import type { RetryOptions } from '../options/retry-options.js';
import type { RouteOptions } from '../options/route-options.js';
import type { StepOptions } from '../options/step-options.js';
import type { WaitForOptions } from '../options/wait-for-options.js';
import type { Type, WorkflowOptions } from '../options/workflow-options.js';
import type { DelayMetadata, MisuseMetadata, WaitForMetadata, WorkflowMetadata } from './metadata.types.js';

/**
 * Marks a class as a workflow without a decorator (`@Workflow` is sugar over this).
 *
 * @example
 * registerWorkflow(SupportTicketWorkflow, { name: 'support-ticket' });
 */
export function registerWorkflow(target: Type, options: WorkflowOptions = {}): void {
  const metadata: WorkflowMetadata = { options };
  Reflect.defineMetadata(WORKFLOW_METADATA, metadata, target);
}

/** Marks a method as a step without a decorator (`@Step` is sugar over this). */
export function registerStep(target: Type, method: string, options: StepOptions = {}): void {
  appendMethodMetadata(STEP_METADATA, target.prototype as object, method, { options });
}

/**
 * Marks a method as a route without a decorator (`@Route` is sugar over this).
 *
 * @example
 * registerRoute(Essay, 'critique', ['write', 'publish'], { maxIterations: 3 });
 */
export function registerRoute(
  target: Type,
  method: string,
  targets: readonly string[],
  options: RouteOptions = {},
): void {
  appendMethodMetadata(ROUTE_METADATA, target.prototype as object, method, { targets, options });
}

/** Puts a step in a parallel group or makes it a forEach fan-out (`@Parallel` is sugar over this). */
export function registerParallel(target: Type, method: string, options?: ParallelOptions): void {
  appendMethodMetadata(PARALLEL_METADATA, target.prototype as object, method, { options });
}

/** Gives a step a retry policy (`@Retry` is sugar over this). */
export function registerRetry(target: Type, method: string, options: RetryOptions | number): void {
  appendMethodMetadata(RETRY_METADATA, target.prototype as object, method, { options });
}

/** Bounds each attempt of a step (`@Timeout` is sugar over this). */
export function registerTimeout(target: Type, method: string, ms: number): void {
  appendMethodMetadata(TIMEOUT_METADATA, target.prototype as object, method, { ms });
}

/** Gives a step a fallback (`@Fallback` is sugar over this). */
export function registerFallback(target: Type, method: string, handler: FallbackHandler): void {
  appendMethodMetadata(FALLBACK_METADATA, target.prototype as object, method, { handler });
}

/**
 * Makes a step wait for a signal before it runs (`@WaitFor` is sugar over this).
 *
 * @example
 * registerWaitFor(Refund, 'pay', 'approve', { payload: Approval, timeout: 86_400_000 });
 */
export function registerWaitFor(target: Type, method: string, signal: string, options: WaitForOptions = {}): void {
  const metadata: WaitForMetadata = { signal, options };
  appendMethodMetadata(WAIT_FOR_METADATA, target.prototype as object, method, metadata);
}

/**
 * Makes a ready step wait `delay` milliseconds (or what the function returns) before it runs (`@Delay` is
 * sugar over this).
 *
 * @example
 * registerDelay(Reminder, 'send', 3_600_000);
 */
export function registerDelay(target: Type, method: string, delay: DelayValue): void {
  const metadata: DelayMetadata = { delay };
  appendMethodMetadata(DELAY_METADATA, target.prototype as object, method, metadata);
}

/** Appends one decorator's metadata to the list stored on `prototype[method]` under `key`. */
export function appendMethodMetadata(key: string, prototype: object, method: string, value: unknown): void {
  const existing = (Reflect.getOwnMetadata(key, prototype, method) as unknown[] | undefined) ?? [];
  Reflect.defineMetadata(key, [...existing, value], prototype, method);
  const names = (Reflect.getOwnMetadata(MEMBER_NAMES_METADATA, prototype) as string[] | undefined) ?? [];
  if (!names.includes(method)) Reflect.defineMetadata(MEMBER_NAMES_METADATA, [...names, method], prototype);
}

/** Records a decorator used where it cannot work, for the compiler to report. */
export function recordMisuse(target: object, misuse: MisuseMetadata): void {
  const existing = (Reflect.getOwnMetadata(MISUSE_METADATA, target) as MisuseMetadata[] | undefined) ?? [];
  Reflect.defineMetadata(MISUSE_METADATA, [...existing, misuse], target);
}
