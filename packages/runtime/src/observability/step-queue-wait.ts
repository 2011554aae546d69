import { createNoopMeter, type Histogram, type Meter, metrics } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from './instrumentation-scope.js';

/** The histogram's name: how long a step attempt waited between being due and a worker starting it. */
export const QUEUE_WAIT_METRIC = 'baton.step.queue_wait';

/**
 * Bucket bounds in ms, from "taken at once" to minutes of backlog (the SDK's defaults stop at 10 s).
 * Only advice: a view the application registers wins.
 */
const BOUNDARIES_MS = [0, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000];

/**
 * Records `baton.step.queue_wait` (ms, with `baton.workflow`, `baton.step`, `baton.transport`) through
 * `@opentelemetry/api` alone: until an application registers a meter provider, nothing is kept. Never throws.
 * The transports say when an attempt became due and when it started (see `MemoryQueueWait`, `bullReadyAt`).
 */
export class StepQueueWait {
  private meter?: Meter;
  private histogram?: Histogram;

  constructor(private readonly transport: 'memory' | 'bull') {}

  /** Records that an attempt of `workflow`'s `step` that was due at `readyAt` started at `startedAt` (epoch ms). */
  record(workflow: string, step: string, readyAt: number, startedAt: number): void {
    try {
      const histogram = this.current();
      if (!histogram || !Number.isFinite(readyAt) || !Number.isFinite(startedAt)) return;
      histogram.record(Math.max(0, startedAt - readyAt), {
        'baton.workflow': workflow,
        'baton.step': step,
        'baton.transport': this.transport,
      });
    } catch {
      // Metrics are best effort.
    }
  }

  /** Whether an application registered a meter provider (until then a transport need not track due times). */
  enabled(): boolean {
    try {
      return this.current() !== undefined;
    } catch {
      return false;
    }
  }

  /** The histogram of the global meter provider's meter, or undefined while it is the no-op one. */
  private current(): Histogram | undefined {
    const meter = metrics.getMeter(INSTRUMENTATION_SCOPE);
    if (meter === createNoopMeter()) return undefined;
    if (this.meter !== meter || !this.histogram) {
      this.meter = meter;
      this.histogram = meter.createHistogram(QUEUE_WAIT_METRIC, {
        description:
          'Time a step attempt waited between being due (scheduled, or its retry backoff over) and starting.',
        unit: 'ms',
        advice: { explicitBucketBoundaries: BOUNDARIES_MS },
      });
    }
    return this.histogram;
  }
}
