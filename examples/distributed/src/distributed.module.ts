import { type DynamicModule, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { BatonModule } from '@baton/runtime';
import { SupportTicketModule } from '@baton/example-support-ticket';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { HealthModule } from './health.module.js';
import { MetricsModule } from './metrics.module.js';
import { QueueBoardModule } from './queue-board.module.js';
import { SlowWorkflow } from './slow.workflow.js';

/** Where the processes meet: the Redis URL and the key prefix. */
export interface DistributedSettings {
  redisUrl: string;
  prefix: string;
  /** True in worker processes, false in the API process. */
  worker: boolean;
  /** Stalled-step detection, in ms (a dead worker's step runs again after about this long). */
  lockDurationMs?: number;
  /** How long a worker lets running steps finish on shutdown before handing them back, in ms. */
  drainGraceMs?: number;
  /** Mounts Bull Board at this route (HTTP apps only, e.g. `'/queues'`); none when left out. */
  boardRoute?: string;
  /** Serves `GET /health` (HTTP apps only): Baton's health through `@nestjs/terminus`. */
  health?: boolean;
  /** Serves `GET /metrics` (HTTP apps only) from this exporter (see `startTelemetry`); none when left out. */
  metrics?: PrometheusExporter;
}

/**
 * The same application in every process: the app's Bull connection (`BullModule.forRoot`), Baton on it, and
 * the workflows; only `worker` and the HTTP routes (Bull Board in the API process; `/health`, `/metrics`) differ.
 */
@Module({})
export class DistributedModule {
  static forRoot(settings: DistributedSettings): DynamicModule {
    const lockDurationMs = settings.lockDurationMs ?? 30_000;
    return {
      module: DistributedModule,
      imports: [
        // Baton's step queue reuses this connection: bull.redis is left out below.
        BullModule.forRoot({ redis: settings.redisUrl }),
        BatonModule.forRoot({
          transport: 'bull',
          concurrency: 16,
          bull: {
            prefix: settings.prefix,
            worker: settings.worker,
            lockDurationMs,
            ...(settings.drainGraceMs !== undefined && { drainGraceMs: settings.drainGraceMs }),
            stalledIntervalMs: Math.max(500, Math.round(lockDurationMs / 2)),
          },
        }),
        SupportTicketModule,
        ...(settings.boardRoute !== undefined ? [QueueBoardModule.forRoot(settings.boardRoute)] : []),
        ...(settings.health ? [HealthModule] : []),
        ...(settings.metrics ? [MetricsModule.forRoot(settings.metrics)] : []),
      ],
      providers: [SlowWorkflow],
    };
  }
}
