import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The built UI's folder: `dist/ui` beside the compiled server code, or the package's `dist/ui` when run from source. */
export function defaultUiDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'ui'), join(here, '..', '..', 'dist', 'ui')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[1];
}

/**
 * Sends the file of the built UI that `relativePath` names (`/` is `index.html`), refusing paths that
 * leave the folder. Returns false when there is no such file.
 */
export function sendUiFile(uiDir: string, relativePath: string, response: ServerResponse): boolean {
  const clean = normalize(decodeURIComponent(relativePath.split('?')[0] ?? '/')).replace(/^([/\\])+/, '');
  const file = join(uiDir, clean === '' || clean === '.' ? 'index.html' : clean);
  if (!file.startsWith(uiDir + sep) && file !== uiDir) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  response.statusCode = 200;
  response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
  response.setHeader('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
  createReadStream(file).pipe(response);
  return true;
}

/** A request as Express hands it to middleware. */
export type UiRequest = IncomingMessage & { originalUrl?: string; url?: string };
