import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Step, Workflow } from '@baton/sdk';
import { startBullApp, type BullApp } from './support/bull-app.js';

// Three deployments of one workflow: the original, one that renames a step, one that adds a step at the end.
@Workflow({ name: 'versioned' })
class Original {
  @Step() a() {
    return 'a';
  }
  @Step() b() {
    return 'b';
  }
  @Step() c() {
    return 'c';
  }
}

@Workflow({ name: 'versioned' })
class Renamed {
  @Step() a() {
    return 'a';
  }
  @Step() b() {
    return 'b';
  }
  @Step() cee() {
    return 'c';
  }
}

@Workflow({ name: 'versioned' })
class Extended {
  @Step() a() {
    return 'a';
  }
  @Step() b() {
    return 'b';
  }
  @Step() c() {
    return 'c';
  }
  @Step() d() {
    return 'd';
  }
}

describe('bull: a run whose workflow graph changed under it (a deploy between start and finish)', () => {
  const apps: BullApp[] = [];
  afterEach(async () => {
    // The API app (first) deletes the prefix's keys: close it last.
    for (const app of apps.reverse()) await app.close();
    apps.length = 0;
  });

  /** Starts a run on an API process with the original graph, then a worker with `next` takes it. */
  async function deploy(next: new () => object) {
    const prefix = `test-${randomUUID()}`;
    const api = await startBullApp(inject('redisUrl'), [Original], { worker: false, prefix });
    apps.push(api);
    const handle = await api.client.start('versioned', {});
    const version = (await api.client.getRun(handle.runId)).version;
    apps.push(await startBullApp(inject('redisUrl'), [next], { prefix }));
    return { api, handle, version };
  }

  it('fails the run with WorkflowVersionError naming the renamed step, instead of leaving it running', async () => {
    const { api, handle, version } = await deploy(Renamed);
    await expect(handle.result()).rejects.toMatchObject({
      code: 'WORKFLOW_VERSION',
      message: expect.stringContaining('c: missing'),
    });
    const run = await api.client.getRun(handle.runId);
    expect(run).toMatchObject({
      status: 'failed',
      version,
      error: { name: 'WorkflowVersionError', code: 'WORKFLOW_VERSION' },
    });
    expect((await api.client.listRuns({ status: 'running' })).runs).toEqual([]);
  });

  it('continues a run when the new graph only adds steps after its position, and runs them', async () => {
    const { api, handle, version } = await deploy(Extended);
    await expect(handle.result()).resolves.toBe('d');
    const run = await api.client.getRun(handle.runId);
    expect(run.version).not.toBe(version);
    expect(run.steps.d).toMatchObject({ status: 'succeeded', output: 'd' });
  });
});
