import Bull from 'bull';
import type { BullTransportOptions } from './bull-options.js';
import type { StepJobData } from './step-job-data.js';

/** The error a worker throws to have Bull retry a step, carrying the delay Baton computed (with jitter). */
export class RetryLater extends Error {
  constructor(
    readonly batonDelayMs: number,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Bull queue settings Baton needs: its backoff strategy (Baton's delay, cap and jitter), locks and stall checks. */
export function stepQueueSettings(options: Pick<BullTransportOptions, 'lockDurationMs' | 'stalledIntervalMs'>): Bull.AdvancedSettings {
  return {
    backoffStrategies: { baton: (_attemptsMade: number, error: Error) => (error as Partial<RetryLater>).batonDelayMs ?? 0 },
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: 100,
  };
}

/** Creates the queue every step job goes to. */
export function createStepQueue(options: BullTransportOptions): Bull.Queue<StepJobData> {
  return new Bull<StepJobData>(options.queueName ?? 'baton', {
    redis: options.redis,
    prefix: `${options.prefix ?? 'baton'}:bull`,
    settings: stepQueueSettings(options),
  });
}
