import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server started for tests. */
export interface TestRedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** The TCP port it listens on, on 127.0.0.1; kept across {@link TestRedisServer.restart}. */
  readonly port: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
  /**
   * Kills the server (SIGKILL: no final save) and starts it again on the same port. With `appendOnly`
   * it comes back with its data (as far as the append-only file had it); without, it comes back empty.
   */
  restart(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface TestRedisServerOptions {
  /**
   * Keep data across {@link TestRedisServer.restart} in an append-only file (fsync always) in `dir`.
   * @defaultValue false: nothing is kept
   */
  appendOnly?: boolean;
  /**
   * Where the append-only file goes.
   * @defaultValue a new temporary folder
   */
  dir?: string;
}

/** A free TCP port: listen on 0, read the port, close. (Redis's own `--port 0` means "no TCP".) */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers PING, or rejects after `deadlineMs`. */
async function waitForRedis(port: number, child: ChildProcess, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port} within ${deadlineMs} ms`);
}

/**
 * Starts a private `redis-server` (no persistence, loopback only) on a free port, for tests that need a
 * real Redis without touching any other server. Needs the `redis-server` binary on the PATH.
 *
 * @example
 * const redis = await startRedisServer();
 * // ... BatonModule.forRoot({ transport: 'bull', bull: { redis: redis.url } })
 * await redis.stop();
 */
export async function startRedisServer(options: TestRedisServerOptions = {}): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = options.appendOnly ? (options.dir ?? mkdtempSync(join(tmpdir(), 'baton-redis-'))) : undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
  args.push(
    ...(dir === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]),
  );
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(error)));
    await Promise.race([waitForRedis(port, child), failed]);
    return child;
  };
  const halt = async (child: ChildProcess, signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  let child = await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => halt(child, 'SIGTERM'),
    async restart() {
      await halt(child, 'SIGKILL');
      child = await launch();
    },
  };
}

/**
 * A Vitest global setup: starts a private redis-server for the test run, provides its URL as
 * `inject('redisUrl')`, and stops it afterwards. Re-export it as the default of a `globalSetup` file.
 *
 * @example
 * // test/redis.global-setup.ts
 * export { redisGlobalSetup as default } from '@baton/runtime/testing';
 */
export async function redisGlobalSetup(project: {
  provide(key: 'redisUrl', value: string): void;
}): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
