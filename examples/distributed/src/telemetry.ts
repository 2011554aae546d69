import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/** This process's OpenTelemetry metrics: the registered meter provider and its Prometheus exporter. */
export interface Telemetry {
  /** Renders this process's metrics in the Prometheus text format (served at `GET /metrics`). */
  readonly exporter: PrometheusExporter;
  /** Unregisters the meter provider and shuts it down. */
  shutdown(): Promise<void>;
}

/**
 * Registers a global OpenTelemetry meter provider whose only reader is a Prometheus exporter that starts no
 * server of its own (the process's Nest HTTP app serves it, see `MetricsModule`). Call it first thing in a
 * process: Baton records through `@opentelemetry/api` and keeps nothing until a provider is registered.
 * Each process reports what it records itself (see the README's "Metrics" section).
 */
export function startTelemetry(): Telemetry {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  metrics.setGlobalMeterProvider(provider);
  return {
    exporter,
    async shutdown() {
      metrics.disable();
      await provider.shutdown();
    },
  };
}
