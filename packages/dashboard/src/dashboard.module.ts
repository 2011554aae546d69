import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BATON_ACCESS_TOKEN, createBatonHttpController } from '@baton/runtime/internal';
import { DASHBOARD_OPTIONS } from './dashboard-tokens.js';
import type { BatonDashboardOptions, ResolvedDashboardOptions } from './dashboard-options.js';
import { RunTraceGateway } from './gateway/run-trace.gateway.js';
import { createUiHandler } from './static/ui-handler.js';
import { defaultUiDir } from './static/ui-files.js';

/** Fills in the defaults of {@link BatonDashboardOptions}; `path` is normalised to `/x` with no trailing slash. */
export function resolveDashboardOptions(options: BatonDashboardOptions = {}): ResolvedDashboardOptions {
  const path = `/${(options.path ?? '/baton').replace(/^\/+|\/+$/g, '')}`;
  return {
    path,
    ...(options.token ? { token: options.token } : {}),
    samples: options.samples ?? {},
    uiDir: options.uiDir ?? defaultUiDir(),
    maxBufferedEvents: options.maxBufferedEvents ?? 10_000,
  };
}

/**
 * The dev dashboard: the web UI at `path`, its REST API at `<path>/api`, and a socket.io gateway on the
 * `/baton` namespace that streams every run's trace. Import it next to `BatonModule` in an HTTP app.
 *
 * @example
 * @Module({ imports: [BatonModule.forRoot(), BatonDashboardModule.forRoot({ path: '/baton' })], providers: [...] })
 * export class AppModule {}
 */
@Module({})
export class BatonDashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {}

  /** Configures the dashboard. */
  static forRoot(options: BatonDashboardOptions = {}): DynamicModule {
    const resolved = resolveDashboardOptions(options);
    return {
      module: BatonDashboardModule,
      global: true,
      controllers: [createBatonHttpController(`${resolved.path.slice(1)}/api`, { samples: resolved.samples })],
      providers: [
        { provide: DASHBOARD_OPTIONS, useValue: resolved },
        { provide: BATON_ACCESS_TOKEN, useValue: resolved.token ?? null },
        RunTraceGateway,
      ],
      exports: [DASHBOARD_OPTIONS, BATON_ACCESS_TOKEN],
    };
  }

  /** Mounts the UI on the HTTP server (nothing to do in an app without one). */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter) return;
    adapter.use(this.options.path, createUiHandler(this.options));
  }
}
