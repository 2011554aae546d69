import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `npm run dev` writes the base URL it listens on (`examples/support-ticket/.baton-dev-url`, git-ignored). */
export const DEV_URL_FILE = fileURLToPath(new URL('../.baton-dev-url', import.meta.url));

/** The base URL `npm run fire` falls back to when neither `BATON_URL` nor the dev URL file says otherwise. */
export const DEFAULT_BATON_URL = 'http://127.0.0.1:3000/baton';

/**
 * Records `url` (the dashboard's base, no token) for `npm run fire`, and removes it when the process exits or is
 * stopped by Ctrl-C / SIGTERM (a signal ends the process without an `exit` event once Nest's shutdown hooks ran).
 */
export function writeDevUrl(url: string, file = DEV_URL_FILE): void {
  writeFileSync(file, `${url}\n`);
  const remove = (): void => rmSync(file, { force: true });
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      remove();
      // Nobody else (such as Nest's shutdown hooks) handles it: end the process as the signal would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
}

/**
 * The base URL of the dashboard to post to: `BATON_URL` if set, else what `npm run dev` wrote to `file`, else
 * {@link DEFAULT_BATON_URL}. A trailing slash is dropped.
 */
export function resolveBatonUrl(env: NodeJS.ProcessEnv = process.env, file = DEV_URL_FILE): string {
  const fromFile = (): string | undefined => {
    try {
      return readFileSync(file, 'utf8').trim() || undefined;
    } catch {
      return undefined;
    }
  };
  const url = env.BATON_URL || fromFile() || DEFAULT_BATON_URL;
  return url.replace(/\/+$/, '');
}
