import { BatonHealthIndicator } from './health/baton.health.js';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { BullRootModuleOptions } from '@nestjs/bull';
import type Bull from 'bull';
import { BatonClient } from './client/baton.client.js';
import { createBatonHttpController } from './http/baton-http.controller.js';
import { BatonMicroserviceController } from './microservice/baton-microservice.controller.js';
import { WorkflowExplorer } from './discovery/workflow.explorer.js';
import { WorkflowRegistry } from './discovery/workflow.registry.js';
import { EventBus } from './events/event-bus.js';
import {
  declarationOf,
  resolveOptions,
  type BatonModuleAsyncOptions,
  type BatonModuleOptions,
  type BullQueueDeclaration,
  type ResolvedBatonOptions,
} from './options/baton-options.js';
import { UnsupportedTransportError } from './errors/unsupported-transport.error.js';
import { BATON_OPTIONS, BATON_TRANSPORT } from './tokens.js';
import { MemoryTransport } from './transports/memory/memory.transport.js';
import { BullTransport } from './transports/bull/bull.transport.js';
import { stepQueueConnection } from './transports/bull/step-queue.js';
import { registerStepQueue, type StepQueueRegistration } from './transports/bull/step-queue.registration.js';
import type { StepJobData } from './transports/bull/step-job-data.js';

/** The transport, built once the options are resolved; with a declared bull queue, it is injected by its token. */
function transportProvider(queue: StepQueueRegistration | undefined): Provider {
  return {
    provide: BATON_TRANSPORT,
    inject: [
      BATON_OPTIONS,
      EventBus,
      WorkflowRegistry,
      ...(queue ? [queue.token, { token: queue.sharedConfigToken, optional: true }] : []),
    ],
    useFactory: (
      options: ResolvedBatonOptions,
      bus: EventBus,
      registry: WorkflowRegistry,
      stepQueue?: Bull.Queue<StepJobData>,
      shared?: BullRootModuleOptions,
    ) => {
      if (options.transport === 'memory') return new MemoryTransport(options, bus);
      if (options.transport === 'bull' && stepQueue) {
        const bull = options.bull ?? {};
        // Without bull.redis the queue uses the app's BullModule.forRoot connection; the run store follows it.
        const redis = stepQueueConnection(bull, shared, stepQueue);
        return new BullTransport(
          {
            ...bull,
            redis,
            concurrency: options.concurrency,
            maxPayloadBytes: options.maxPayloadBytes,
            maxOutputBytes: options.maxOutputBytes,
          },
          bus,
          registry,
          stepQueue,
        );
      }
      throw new UnsupportedTransportError(options.transport);
    },
  };
}

/** Imports, providers and exports every form of the module shares; `declared` registers the bull step queue. */
function moduleParts(declared: BullQueueDeclaration | undefined) {
  const queue = declared ? registerStepQueue(declared) : undefined;
  return {
    imports: [DiscoveryModule, ...(queue ? [queue.module] : [])],
    providers: [
      WorkflowRegistry,
      WorkflowExplorer,
      EventBus,
      transportProvider(queue),
      BatonClient,
      BatonHealthIndicator,
    ] satisfies Provider[],
    // Re-exporting the queue's BullModule makes `@InjectQueue(queueName)` work anywhere (this module is global).
    exports: [
      BatonClient,
      BatonHealthIndicator,
      WorkflowRegistry,
      EventBus,
      BATON_TRANSPORT,
      BATON_OPTIONS,
      ...(queue ? [queue.module] : []),
    ],
  };
}

/**
 * Baton's NestJS module. Import it once (it is global); every provider whose class carries `@Workflow`
 * is discovered on start-up, compiled and registered, and `BatonClient` runs them.
 *
 * @example
 * @Module({
 *   imports: [BatonModule.forRoot({ transport: 'memory' })],
 *   providers: [SupportTicketWorkflow, CrmService],
 * })
 * export class AppModule {}
 */
@Module({})
export class BatonModule {
  /**
   * Configures Baton with static options. With `transport: 'bull'` the step queue is registered with
   * `BullModule.registerQueue` (reusing the app's `BullModule.forRoot` connection when `bull.redis` is unset).
   *
   * @throws BullConnectionMissingError at start-up, with `transport: 'bull'`, no `bull.redis` and no `BullModule.forRoot`
   */
  static forRoot(options: BatonModuleOptions = {}): DynamicModule {
    const declared = declarationOf(options);
    const parts = moduleParts(declared);
    return {
      module: BatonModule,
      global: true,
      imports: parts.imports,
      controllers: [
        ...(options.http ? [createBatonHttpController()] : []),
        ...(options.microservice ? [BatonMicroserviceController] : []),
      ],
      providers: [{ provide: BATON_OPTIONS, useValue: resolveOptions(options, declared) }, ...parts.providers],
      exports: parts.exports,
    };
  }

  /**
   * Configures Baton with options built by a factory (e.g. from `ConfigService`). The bull transport's
   * queue must be declared up front: `forRootAsync({ bull: { queueName? , configKey? }, useFactory })`.
   *
   * @throws TransportDeclarationError at start-up when the factory's transport or queue disagree with `bull`
   * @throws BullConnectionMissingError at start-up, with the bull transport, no `bull.redis` and no `BullModule.forRoot`
   */
  static forRootAsync(options: BatonModuleAsyncOptions): DynamicModule {
    const parts = moduleParts(options.bull);
    return {
      module: BatonModule,
      global: true,
      imports: [...parts.imports, ...(options.imports ?? [])],
      providers: [
        {
          provide: BATON_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => resolveOptions(await options.useFactory(...args), options.bull),
        },
        ...parts.providers,
      ],
      exports: parts.exports,
    };
  }
}
