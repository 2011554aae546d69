import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_COOKIE, isAuthorized } from '@baton/runtime/internal';
import type { ResolvedDashboardOptions } from '../dashboard-options.js';
import { sendUiFile, type UiRequest } from './ui-files.js';

/**
 * The middleware mounted at the dashboard path: checks the token (setting the cookie when it came in the
 * query), redirects `<path>` to `<path>/`, and serves the built UI.
 */
export function createUiHandler(options: ResolvedDashboardOptions) {
  return (request: UiRequest, response: ServerResponse, next: (error?: unknown) => void): void => {
    const original = request.originalUrl ?? request.url ?? '/';
    const url = new URL(original, 'http://localhost');
    if (url.pathname.startsWith(`${options.path}/api/`)) return next();
    const query = Object.fromEntries(url.searchParams);
    if (!isAuthorized(options.token, { headers: request.headers, query })) {
      response.statusCode = 401;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end(`This Baton dashboard requires a token: open ${options.path}/?token=<token>.\n`);
      return;
    }
    if (options.token && query.token === options.token) {
      response.setHeader(
        'set-cookie',
        `${ACCESS_COOKIE}=${encodeURIComponent(options.token)}; Path=/; HttpOnly; SameSite=Strict`,
      );
    }
    if (url.pathname === options.path) {
      response.statusCode = 302;
      response.setHeader('location', `${options.path}/${url.search}`);
      response.end();
      return;
    }
    if (!existsSync(join(options.uiDir, 'index.html'))) {
      response.statusCode = 503;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end(
        `The dashboard UI is not built (no ${options.uiDir}/index.html). Run: npm run build -w @baton/dashboard\n`,
      );
      return;
    }
    const relative = url.pathname.slice(options.path.length) || '/';
    if (!sendUiFile(options.uiDir, relative, response)) next();
  };
}
