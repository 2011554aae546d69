import { type DynamicModule, Module } from '@nestjs/common';
import { BatonModule } from '@baton/runtime';
import { SupportTicketModule } from '@baton/example-support-ticket';
import { SlowWorkflow } from './slow.workflow.js';

/** Where the processes meet: the Redis URL and the key prefix. */
export interface DistributedSettings {
  redisUrl: string;
  prefix: string;
  /** True in worker processes, false in the API process. */
  worker: boolean;
  /** Stalled-step detection, in ms (a dead worker's step runs again after about this long). */
  lockDurationMs?: number;
}

/** The same application in every process: Baton on Bull plus the workflows; only `worker` differs. */
@Module({})
export class DistributedModule {
  static forRoot(settings: DistributedSettings): DynamicModule {
    const lockDurationMs = settings.lockDurationMs ?? 30_000;
    return {
      module: DistributedModule,
      imports: [
        BatonModule.forRoot({
          transport: 'bull',
          concurrency: 16,
          bull: {
            redis: settings.redisUrl,
            prefix: settings.prefix,
            worker: settings.worker,
            lockDurationMs,
            stalledIntervalMs: Math.max(500, Math.round(lockDurationMs / 2)),
          },
        }),
        SupportTicketModule,
      ],
      providers: [SlowWorkflow],
    };
  }
}
