import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { BatonHealthIndicator } from '@baton/runtime';

/** `GET /health`: Baton's transport (Redis reachable, workers seen recently, queue depth), the Terminus way. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly baton: BatonHealthIndicator,
  ) {}

  /** 200 with `{ status: 'ok', details: { baton: {...} } }`, or 503 with the same shape when Baton is down. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.baton.isHealthy()]);
  }
}

/** Serves `/health` in an HTTP process of the distributed example. */
@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController] })
export class HealthModule {}
