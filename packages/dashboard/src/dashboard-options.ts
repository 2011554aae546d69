/** Options of `BatonDashboardModule.forRoot`. */
export interface BatonDashboardOptions {
  /**
   * Where the UI is served; the REST API is served under `<path>/api`.
   * @defaultValue `'/baton'`
   */
  path?: string;
  /**
   * When set, the UI, the REST API and the socket refuse clients that do not present it (401 / connect
   * error). Open the UI as `<path>/?token=<token>`; the browser then keeps it in a cookie.
   * @defaultValue none: no token, so listen on 127.0.0.1 only (see `dashboardListenHost`)
   */
  token?: string;
  /**
   * Example inputs offered by the start-run form, by workflow name then label.
   * @defaultValue none
   */
  samples?: Record<string, Record<string, unknown>>;
  /**
   * Folder of the built UI.
   * @defaultValue the `dist/ui` folder of this package
   */
  uiDir?: string;
  /**
   * Most events buffered for one client before it is considered too slow and sent a fresh snapshot.
   * @defaultValue 10000
   */
  maxBufferedEvents?: number;
}

/** The options with defaults filled in. */
export interface ResolvedDashboardOptions {
  /** Where the UI is served, as `/x` with no trailing slash; the REST API is under `<path>/api`. */
  path: string;
  /** The token clients must present; absent when none is set (an empty string counts as none). */
  token?: string;
  /** Example inputs for the start-run form, by workflow name then label (`{}` when none). */
  samples: Record<string, Record<string, unknown>>;
  /** Folder of the built UI. */
  uiDir: string;
  /** Most events buffered for one client before it is considered too slow and sent a fresh snapshot. */
  maxBufferedEvents: number;
}

/**
 * The host an app serving the dashboard should listen on: every interface when a token protects it,
 * otherwise only the loopback interface.
 *
 * @example
 * await app.listen(3000, dashboardListenHost({ token: process.env.BATON_TOKEN }));
 */
export function dashboardListenHost(options: Pick<BatonDashboardOptions, 'token'>): string {
  return options.token ? '0.0.0.0' : '127.0.0.1';
}
