/**
 * Where the dashboard lives. The UI is served at `<path>/` (for example `/baton/`), so the REST API is
 * `<path>/api`; the access token, when the page was opened with `?token=`, is read from the query.
 */

/** The dashboard path without a trailing slash (`/baton`), derived from the page's own URL. */
export function dashboardPath(pathname: string = location.pathname): string {
  return pathname.replace(/\/index\.html$/, '').replace(/\/+$/, '');
}

/** The REST API base, for example `/baton/api`. */
export const API_BASE = `${dashboardPath()}/api`;

/** The token from `?token=`, if the page was opened with one (the server also keeps it in a cookie). */
export const ACCESS_TOKEN: string | undefined = new URLSearchParams(location.search).get('token') ?? undefined;

/** The socket.io namespace of the dashboard (fixed, whatever the dashboard path). */
export const SOCKET_URL = `${location.origin}/baton`;
