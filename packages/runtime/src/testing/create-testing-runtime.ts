import type { ModuleMetadata, Provider } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import type { StepContext, Type } from '@baton/sdk';
import { firstValueFrom, filter } from 'rxjs';
import { BatonModule } from '../baton.module.js';
import { BatonClient } from '../client/baton.client.js';
import { WorkflowRegistry } from '../discovery/workflow.registry.js';
import { InvalidRunOperationError } from '../errors/invalid-state.error.js';
import type { BatonModuleOptions } from '../options/baton-options.js';
import { isRunEnd } from '../events/trace-event.js';
import type { RunSnapshot } from '../coordinator/run-snapshot.js';
import type { SignalTarget } from '../client/signal-target.js';

/** Options of {@link createTestingRuntime}. */
export interface TestingRuntimeOptions {
  /** The workflow classes under test. */
  workflows: Type[];
  /**
   * Their dependencies. Replace one with a fake by listing `{ provide: RealService, useValue: fake }`
   * instead of the class.
   * @defaultValue none
   */
  providers?: Provider[];
  /**
   * Modules to import beside `BatonModule`.
   * @defaultValue none
   */
  imports?: ModuleMetadata['imports'];
  /**
   * Options for `BatonModule.forRoot` (the transport is always `memory`).
   * @defaultValue `{}`
   */
  baton?: Omit<BatonModuleOptions, 'transport'>;
}

/** A booted in-memory Baton runtime for tests. */
export interface TestingRuntime {
  /** The client, as the app would inject it. */
  readonly client: BatonClient;
  /** The Nest testing module, for `get()`-ing other providers. */
  readonly module: TestingModule;
  /**
   * Replaces one step's implementation on the workflow's instance (until {@link TestingRuntime.close}).
   *
   * @throws InvalidRunOperationError when the workflow has no such step
   */
  overrideStep<I = unknown>(
    workflow: Type | string,
    step: string,
    implementation: (ctx: StepContext<I>) => unknown,
  ): void;
  /** Resolves with the run's snapshot once it has ended, whatever its outcome. */
  settled(runId: string): Promise<RunSnapshot>;
  /**
   * Sends a signal, as `client.signal` does (same validation and errors). With Vitest fake timers,
   * `vi.advanceTimersByTimeAsync` drives signal timeouts and `@Delay`s instead.
   */
  signal(target: SignalTarget, name: string, payload?: unknown): Promise<string>;
  /** Resolves once the run's step is `waiting` (for its signal or delay). */
  waiting(runId: string, step: string): Promise<RunSnapshot>;
  /** Shuts the module down (running runs are cancelled). */
  close(): Promise<void>;
}

/**
 * Boots a memory-transport runtime with the given workflows and providers. Works with Vitest fake timers:
 * retry delays and timeouts are ordinary timers, so `vi.advanceTimersByTimeAsync` drives them.
 *
 * @example
 * const runtime = await createTestingRuntime({
 *   workflows: [SupportTicketWorkflow],
 *   providers: [ClassifierAgent, { provide: CrmService, useValue: { lookup: async () => ({ account: null }) } }],
 * });
 * const reply = await runtime.client.execute('support-ticket', ticket);
 * await runtime.close();
 */
export async function createTestingRuntime(options: TestingRuntimeOptions): Promise<TestingRuntime> {
  const module = await Test.createTestingModule({
    imports: [BatonModule.forRoot({ ...options.baton, transport: 'memory' }), ...(options.imports ?? [])],
    providers: [...options.workflows, ...(options.providers ?? [])],
  }).compile();
  await module.init();
  const client = module.get(BatonClient);
  const registry = module.get(WorkflowRegistry);
  return {
    client,
    module,
    overrideStep(workflow, step, implementation) {
      const registered = registry.get(workflow);
      if (!registered.graph.steps.some((s) => s.name === step)) {
        throw new InvalidRunOperationError(
          `Workflow ${registered.name} has no step '${step}' to override. Steps: ${registered.graph.steps.map((s) => s.name).join(', ')}.`,
          { workflow: registered.name, step },
        );
      }
      Object.defineProperty(registered.instance, step, { value: implementation, configurable: true, writable: true });
    },
    async settled(runId) {
      const ended = client.events(runId).pipe(filter((e) => isRunEnd(e.type)));
      const pending = firstValueFrom(ended);
      const now = await client.getRun(runId);
      if (now.status !== 'running') return now;
      await pending;
      return client.getRun(runId);
    },
    signal: (target, name, payload) => client.signal(target, name, payload),
    async waiting(runId, step) {
      const events = client.events(runId).pipe(filter((e) => e.type === 'step.waiting' && e.step === step));
      const pending = firstValueFrom(events);
      const now = await client.getRun(runId);
      if (now.steps[step]?.status !== 'waiting') await pending;
      return client.getRun(runId);
    },
    close: () => module.close(),
  };
}
