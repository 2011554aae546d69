import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BatonClient } from './client/baton.client.js';
import { createBatonHttpController } from './http/baton-http.controller.js';
import { BatonMicroserviceController } from './microservice/baton-microservice.controller.js';
import { WorkflowExplorer } from './discovery/workflow.explorer.js';
import { WorkflowRegistry } from './discovery/workflow.registry.js';
import { EventBus } from './events/event-bus.js';
import { resolveOptions, type BatonModuleAsyncOptions, type BatonModuleOptions, type ResolvedBatonOptions } from './options/baton-options.js';
import { UnsupportedTransportError } from './errors/unsupported-transport.error.js';
import { BATON_OPTIONS, BATON_TRANSPORT } from './tokens.js';
import { MemoryTransport } from './transports/memory/memory.transport.js';
import { BullTransport } from './transports/bull/bull.transport.js';
import { createStepQueue } from './transports/bull/step-queue.js';

function transportProvider(): Provider {
  return {
    provide: BATON_TRANSPORT,
    inject: [BATON_OPTIONS, EventBus, WorkflowRegistry],
    useFactory: (options: ResolvedBatonOptions, bus: EventBus, registry: WorkflowRegistry) => {
      if (options.transport === 'memory') return new MemoryTransport(options, bus);
      if (options.transport === 'bull' && options.bull) {
        return new BullTransport({ ...options.bull, concurrency: options.concurrency, maxPayloadBytes: options.maxPayloadBytes }, bus, registry, createStepQueue(options.bull));
      }
      throw new UnsupportedTransportError(options.transport);
    },
  };
}

const providers: Provider[] = [WorkflowRegistry, WorkflowExplorer, EventBus, transportProvider(), BatonClient];
const exported = [BatonClient, WorkflowRegistry, EventBus, BATON_TRANSPORT, BATON_OPTIONS];

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
  /** Configures Baton with static options. */
  static forRoot(options: BatonModuleOptions = {}): DynamicModule {
    return {
      module: BatonModule,
      global: true,
      imports: [DiscoveryModule],
      controllers: [...(options.http ? [createBatonHttpController()] : []), ...(options.microservice ? [BatonMicroserviceController] : [])],
      providers: [{ provide: BATON_OPTIONS, useValue: resolveOptions(options) }, ...providers],
      exports: exported,
    };
  }

  /** Configures Baton with options built by a factory (e.g. from `ConfigService`). */
  static forRootAsync(options: BatonModuleAsyncOptions): DynamicModule {
    return {
      module: BatonModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: BATON_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => resolveOptions(await options.useFactory(...args)),
        },
        ...providers,
      ],
      exports: exported,
    };
  }
}
