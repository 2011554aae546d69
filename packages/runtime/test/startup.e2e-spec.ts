import { describe, expect, it } from 'vitest';
import { Injectable, Module, Scope } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DuplicateWorkflowError, Step, Workflow, WorkflowDefinitionError } from '@baton/sdk';
import { BatonClient, BatonModule, WorkflowScopeError } from '../src/index.js';
import { createTestingRuntime } from '../src/testing/index.js';

@Workflow({ name: 'twin' })
class TwinA {
  @Step() a() {
    return 'a';
  }
}

@Workflow({ name: 'twin' })
class TwinB {
  @Step() b() {
    return 'b';
  }
}

@Workflow()
class Broken {
  @Step({ after: 'ghost' }) a() {}
}

@Injectable({ scope: Scope.REQUEST })
@Workflow()
class PerRequest {
  @Step() a() {}
}

async function boot(providers: Array<new (...args: never[]) => object>): Promise<unknown> {
  @Module({ imports: [BatonModule.forRoot()], providers })
  class App {}
  const app = await NestFactory.createApplicationContext(App, { logger: false, abortOnError: false });
  await app.close();
  return undefined;
}

describe('start-up', () => {
  it('fails when two workflow classes share a name', async () => {
    const error = await boot([TwinA, TwinB]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateWorkflowError);
    expect((error as Error).message).toBe(
      "Workflow name 'twin' is used by both TwinA and TwinB. Give one of them another name with @Workflow({ name }).",
    );
  });

  it('fails with the SDK definition error when a workflow class is broken', async () => {
    const error = await boot([Broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowDefinitionError);
    expect((error as Error).message).toContain("Broken.a: 'after' names 'ghost', which is not a step.");
  });

  it('fails for a request-scoped workflow class', async () => {
    await expect(boot([PerRequest])).rejects.toThrow(WorkflowScopeError);
  });

  it('configures the module asynchronously with forRootAsync', async () => {
    @Module({
      imports: [BatonModule.forRootAsync({ useFactory: async () => ({ concurrency: 2 }) })],
      providers: [TwinA],
    })
    class App {}
    const app = await NestFactory.createApplicationContext(App, { logger: false });
    await expect(app.get(BatonClient).execute('twin', {})).resolves.toBe('a');
    await app.close();
  });

  it('lets tests override a step and reject an unknown one', async () => {
    const runtime = await createTestingRuntime({ workflows: [TwinA] });
    runtime.overrideStep(TwinA, 'a', () => 'overridden');
    await expect(runtime.client.execute('twin', {})).resolves.toBe('overridden');
    expect(() => runtime.overrideStep('twin', 'zzz', () => 1)).toThrow(
      "Workflow twin has no step 'zzz' to override. Steps: a.",
    );
    await runtime.close();
  });
});
