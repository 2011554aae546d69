import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, type DynamicModule, Get, Inject, Module, Req, Res } from '@nestjs/common';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/** The injection token of the process's Prometheus exporter. */
const PROMETHEUS_EXPORTER = Symbol('PROMETHEUS_EXPORTER');

/** `GET /metrics`: this process's OpenTelemetry metrics in the Prometheus text format. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PROMETHEUS_EXPORTER) private readonly exporter: PrometheusExporter) {}

  /** Collects and writes the metrics (`text/plain; version=0.0.4`), as the exporter's own server would. */
  @Get()
  scrape(@Req() request: IncomingMessage, @Res() response: ServerResponse): void {
    this.exporter.getMetricsRequestHandler(request, response);
  }
}

/** Serves `/metrics` in an HTTP process of the distributed example, from the exporter `startTelemetry` made. */
@Module({})
export class MetricsModule {
  static forRoot(exporter: PrometheusExporter): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: PROMETHEUS_EXPORTER, useValue: exporter }],
    };
  }
}
