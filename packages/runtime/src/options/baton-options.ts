import type { ModuleMetadata } from '@nestjs/common';
import type { BullTransportOptions } from '../transports/bull/bull-options.js';

/** Options of `BatonModule.forRoot`. */
export interface BatonModuleOptions {
  /**
   * `'memory'` runs steps in this process; `'bull'` spreads them over worker processes through Redis.
   * @defaultValue `'memory'`
   */
  transport?: 'memory' | 'bull';
  /**
   * Redis, queue and worker settings of the `bull` transport (required with `transport: 'bull'`).
   * @defaultValue none
   */
  bull?: BullTransportOptions;
  /**
   * Most step attempts running at once in this process.
   * @defaultValue 64
   */
  concurrency?: number;
  /**
   * How many finished runs the in-memory run store keeps (older ones are dropped with their traces).
   * @defaultValue 10000
   */
  retainRuns?: number;
  /**
   * Largest trace-event payload, in bytes of JSON; larger ones are cut to a preview.
   * @defaultValue 65536
   */
  maxPayloadBytes?: number;
  /**
   * Serves the REST API (`GET /baton/api/workflows`, `runs`, `runs/:id`, `POST workflows/:name/runs`,
   * `runs/:id/cancel`, `runs/:id/rerun`) from this module. The dashboard serves it itself, so leave this
   * off when you use `BatonDashboardModule`.
   * @defaultValue false
   */
  http?: boolean;
  /**
   * Serves the message patterns `baton.start`, `baton.execute`, `baton.get`, `baton.list` and
   * `baton.cancel`, for `NestFactory.createMicroservice(AppModule, { transport: Transport.REDIS, ... })`.
   * @defaultValue false
   */
  microservice?: boolean;
  /**
   * A token the REST API requires (as `Authorization: Bearer`, `?token=` or the `baton_token` cookie);
   * requests without it get 401.
   * @defaultValue none: no token required
   */
  accessToken?: string;
}

/** Options of `BatonModule.forRootAsync`. */
export interface BatonModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Builds the options, with `inject`ed providers as arguments. */
  useFactory: (...args: never[]) => BatonModuleOptions | Promise<BatonModuleOptions>;
  /** Providers passed to `useFactory`. */
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
}

/** The options with every default filled in. */
export type ResolvedBatonOptions = Required<Pick<BatonModuleOptions, 'transport' | 'concurrency' | 'retainRuns' | 'maxPayloadBytes'>> &
  Pick<BatonModuleOptions, 'accessToken' | 'bull'>;

/** Fills in the defaults of {@link BatonModuleOptions}. */
export function resolveOptions(options: BatonModuleOptions = {}): ResolvedBatonOptions {
  return {
    transport: options.transport ?? 'memory',
    concurrency: options.concurrency ?? 64,
    retainRuns: options.retainRuns ?? 10_000,
    maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024,
    ...(options.accessToken !== undefined && { accessToken: options.accessToken }),
    ...(options.bull !== undefined && { bull: options.bull }),
  };
}
