import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A redis-server started for tests. */
export interface TestRedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
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
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => child.once('error', (error) => reject(error)));
  await Promise.race([waitForRedis(port, child), failed]);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
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
export async function redisGlobalSetup(project: { provide(key: 'redisUrl', value: string): void }): Promise<() => Promise<void>> {
  const redis = await startRedisServer();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}
