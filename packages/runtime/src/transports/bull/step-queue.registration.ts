import type { DynamicModule } from '@nestjs/common';
import { BullModule, getQueueToken, getSharedConfigToken, type BullRootModuleOptions } from '@nestjs/bull';
import type { BullQueueDeclaration, ResolvedBatonOptions } from '../../options/baton-options.js';
import { BATON_OPTIONS } from '../../tokens.js';
import { DEFAULT_QUEUE_NAME } from '../../options/bull-options.js';
import { stepQueueOptions } from './step-queue.js';

/** Injection token of the step queue's `BullModuleOptions` (inside the registered BullModule only). */
const STEP_QUEUE_OPTIONS = Symbol.for('baton:step-queue-options');

/** The step queue registered with `@nestjs/bull`: the module to import and re-export, and the queue's token. */
export interface StepQueueRegistration {
  /** `BullModule.registerQueueAsync(...)` for the step queue. */
  module: DynamicModule;
  /** `getQueueToken(queueName)`: what `@InjectQueue(queueName)` and Bull Board resolve. */
  token: string;
  /** The token of the app's `BullModule.forRoot` configuration the queue reuses (it may be absent). */
  sharedConfigToken: string;
}

/**
 * Registers the step queue with `BullModule.registerQueueAsync`, so the app can inject it and Bull Board can
 * list it. Its options are built from Baton's resolved options once they exist (they may come from
 * `forRootAsync`'s factory); the app's `BullModule.forRoot` configuration named by `configKey` is looked up
 * optionally, so its absence is reported as a `BullConnectionMissingError` only when `bull.redis` is unset.
 */
export function registerStepQueue(declaration: BullQueueDeclaration): StepQueueRegistration {
  const name = declaration.queueName ?? DEFAULT_QUEUE_NAME;
  const sharedConfigToken = getSharedConfigToken(declaration.configKey);
  const module = BullModule.registerQueueAsync({
    name,
    ...(declaration.configKey !== undefined && { configKey: declaration.configKey }),
    inject: [STEP_QUEUE_OPTIONS],
    useFactory: (options: ReturnType<typeof stepQueueOptions>) => options,
    extraProviders: [
      {
        provide: STEP_QUEUE_OPTIONS,
        inject: [BATON_OPTIONS, { token: sharedConfigToken, optional: true }],
        useFactory: (options: ResolvedBatonOptions, shared: BullRootModuleOptions | undefined) =>
          stepQueueOptions(options.bull ?? {}, shared),
      },
    ],
  });
  return { module, token: getQueueToken(name), sharedConfigToken };
}
