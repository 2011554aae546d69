import { afterEach, describe, expect, inject, it } from 'vitest';
import { Step, Workflow } from '@baton/sdk';
import { BatonHealthIndicator } from '../src/index.js';
import { startRedisServer } from '../src/testing/index.js';
import { startBullApp, type BullApp } from './support/bull-app.js';
import { startMemoryApp } from './support/memory-app.js';

@Workflow({ name: 'health-noop' })
class NoopWorkflow {
  @Step() noop() {
    return 1;
  }
}

describe('BatonHealthIndicator (for @nestjs/terminus)', () => {
  const apps: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('is up on memory, with the runs in flight', async () => {
    const app = await startMemoryApp([NoopWorkflow]);
    apps.push(app);
    await expect(app.app.get(BatonHealthIndicator).isHealthy()).resolves.toEqual({
      baton: { status: 'up', transport: 'memory', running: 0 },
    });
  });

  it('is up on bull with a worker, reporting Redis, the workers seen and the queue depth', async () => {
    const app: BullApp = await startBullApp(inject('redisUrl'), [NoopWorkflow]);
    apps.push(app);
    await app.client.execute('health-noop', {});
    await expect(app.app.get(BatonHealthIndicator).isHealthy('queue')).resolves.toEqual({
      queue: {
        status: 'up',
        transport: 'bull',
        redis: 'reachable',
        workers: 1,
        queue: { waiting: 0, delayed: 0, active: 0 },
      },
    });
  });

  it('is down, saying why, when no worker is seen or Redis is gone', async () => {
    const server = await startRedisServer();
    const api = await startBullApp(server.url, [NoopWorkflow], { worker: false });
    apps.push(api);
    const health = api.app.get(BatonHealthIndicator);
    await expect(health.isHealthy()).resolves.toMatchObject({
      baton: { status: 'down', redis: 'reachable', workers: 0, reason: 'no worker has been seen recently' },
    });
    await server.stop();
    await expect(health.isHealthy()).resolves.toMatchObject({
      baton: { status: 'down', redis: 'unreachable', reason: expect.stringContaining('Redis') },
    });
    apps.splice(apps.indexOf(api), 1);
    await api.app.close();
  });
});
