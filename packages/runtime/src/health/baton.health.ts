import { Inject, Injectable } from '@nestjs/common';
import { BATON_TRANSPORT } from '../tokens.js';
import type { Transport } from '../transports/transport.js';
import type { TransportHealth } from './transport-health.js';

/** A `@nestjs/terminus`-shaped result: `{ [key]: { status: 'up' | 'down', ...facts } }`. */
export type BatonHealthResult<Key extends string = 'baton'> = Record<
  Key,
  { status: 'up' | 'down' } & Omit<TransportHealth, 'up'>
>;

/**
 * Baton's health for `@nestjs/terminus` (or any health endpoint): on `bull`, Redis reachable, workers
 * seen recently and the queue's depth; on `memory`, the runs in flight. Its result has terminus's shape,
 * so it plugs into `HealthCheckService.check` without Baton depending on terminus.
 *
 * @example
 * @Get('health') @HealthCheck()
 * check() {
 *   return this.health.check([() => this.baton.isHealthy()]);
 * }
 */
@Injectable()
export class BatonHealthIndicator {
  constructor(@Inject(BATON_TRANSPORT) private readonly transport: Transport) {}

  /** Checks the transport; `down` (with `reason`) when it cannot move runs now. */
  async isHealthy<Key extends string = 'baton'>(key: Key = 'baton' as Key): Promise<BatonHealthResult<Key>> {
    const { up, ...facts } = await this.transport.health();
    return { [key]: { status: up ? 'up' : 'down', ...facts } } as BatonHealthResult<Key>;
  }
}
