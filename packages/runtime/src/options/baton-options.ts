import type { ModuleMetadata } from '@nestjs/common';
import type { BullTransportOptions } from './bull-options.js';
import { TransportDeclarationError } from '../errors/transport-declaration.error.js';

/** Default `maxInputBytes`: 1 MiB of JSON. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;
/** Default `maxOutputBytes`: 1 MiB of JSON. */
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** Default `maxInputDepth`: 64 levels of arrays and objects. */
export const DEFAULT_MAX_INPUT_DEPTH = 64;

/** Options of `BatonModule.forRoot`. */
export interface BatonModuleOptions {
  /**
   * `'memory'` runs steps in this process; `'bull'` spreads them over worker processes through Redis.
   * @defaultValue `'memory'`
   */
  transport?: 'memory' | 'bull';
  /**
   * Redis, queue and worker settings of the `bull` transport. Its queue is registered with
   * `BullModule.registerQueue`, reusing the app's `BullModule.forRoot` connection when `bull.redis` is left out.
   * @defaultValue `{}` with `transport: 'bull'` (every field's own default)
   */
  bull?: BullTransportOptions;
  /**
   * Most step attempts running at once in this process.
   * @defaultValue 64
   */
  concurrency?: number;
  /**
   * How many finished runs the in-memory run store keeps (older ones are dropped with their traces).
   * @defaultValue 10000
   */
  retainRuns?: number;
  /**
   * Largest trace-event payload, in bytes of JSON; larger ones are cut to a preview.
   * @defaultValue 65536
   */
  maxPayloadBytes?: number;
  /**
   * Largest run input, in bytes of JSON: `BatonClient.start` (and the REST API) refuses a larger one with
   * `PayloadTooLargeError` (HTTP 413); the REST API's JSON body limit follows it.
   * @defaultValue 1048576 (1 MiB)
   */
  maxInputBytes?: number;
  /**
   * Largest step output, in bytes of JSON: a step that returns a larger one fails with `PayloadTooLargeError`.
   * @defaultValue 1048576 (1 MiB)
   */
  maxOutputBytes?: number;
  /**
   * Deepest nesting of arrays and objects in a run input (`[[1]]` is 2 deep): a deeper one is refused with
   * `InputTooDeepError` (HTTP 400) before anything walks it recursively. Keep it well under 1000.
   * @defaultValue 64
   */
  maxInputDepth?: number;
  /**
   * Serves the REST API (`GET /baton/api/workflows`, `runs`, `runs/:id`, `POST workflows/:name/runs`,
   * `runs/:id/cancel`, `runs/:id/rerun`) from this module. The dashboard serves it itself, so leave this
   * off when you use `BatonDashboardModule`.
   * @defaultValue false
   */
  http?: boolean;
  /**
   * Serves the message patterns `baton.start`, `baton.execute`, `baton.get`, `baton.list` and
   * `baton.cancel`, for `NestFactory.createMicroservice(AppModule, { transport: Transport.REDIS, ... })`.
   * @defaultValue false
   */
  microservice?: boolean;
  /**
   * A token the REST API requires (as `Authorization: Bearer`, `?token=` or the `baton_token` cookie);
   * requests without it get 401.
   * @defaultValue none: no token required
   */
  accessToken?: string;
}

/** The part of the `bull` transport's settings `forRootAsync` needs before its factory runs. */
export type BullQueueDeclaration = Pick<BullTransportOptions, 'queueName' | 'configKey'>;

/** Options of `BatonModule.forRootAsync`. */
export interface BatonModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /**
   * Declares the `bull` transport's step queue. `@nestjs/bull` registers the queue (and its injection token,
   * `getQueueToken(queueName)`) when the module is declared, before `useFactory` runs, so a factory can only
   * choose `transport: 'bull'` when the module declares it here; the factory's own `bull.queueName` and
   * `bull.configKey`, if any, must be the same. Declaring it makes `'bull'` the default transport.
   * @defaultValue none: no queue is registered, and the factory may only choose `transport: 'memory'`
   */
  bull?: BullQueueDeclaration;
  /** Builds the options, with `inject`ed providers as arguments. */
  useFactory: (...args: never[]) => BatonModuleOptions | Promise<BatonModuleOptions>;
  /** Providers passed to `useFactory`. */
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
}

/** The options with every default filled in. */
export type ResolvedBatonOptions = Required<
  Pick<
    BatonModuleOptions,
    | 'transport'
    | 'concurrency'
    | 'retainRuns'
    | 'maxPayloadBytes'
    | 'maxInputBytes'
    | 'maxOutputBytes'
    | 'maxInputDepth'
  >
> &
  Pick<BatonModuleOptions, 'accessToken' | 'bull'>;

/**
 * Fills in the defaults of {@link BatonModuleOptions}. `declared` is `forRootAsync`'s queue declaration
 * (for `forRoot`, the options declare themselves).
 *
 * @throws TransportDeclarationError when the options disagree with `declared`
 */
export function resolveOptions(
  options: BatonModuleOptions = {},
  declared?: BullQueueDeclaration,
): ResolvedBatonOptions {
  const transport = options.transport ?? (declared ? 'bull' : 'memory');
  if (declared !== undefined || transport === 'bull') checkDeclaration(transport, options.bull, declared);
  return {
    transport,
    concurrency: options.concurrency ?? 64,
    retainRuns: options.retainRuns ?? 10_000,
    maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024,
    maxInputBytes: options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    maxInputDepth: options.maxInputDepth ?? DEFAULT_MAX_INPUT_DEPTH,
    ...(options.accessToken !== undefined && { accessToken: options.accessToken }),
    ...((options.bull !== undefined || transport === 'bull') && { bull: { ...options.bull, ...declared } }),
  };
}

/** The queue declaration `forRoot` options make by themselves (`undefined` unless the transport is `bull`). */
export function declarationOf(options: BatonModuleOptions): BullQueueDeclaration | undefined {
  if (options.transport !== 'bull') return undefined;
  const { queueName, configKey } = options.bull ?? {};
  return { ...(queueName !== undefined && { queueName }), ...(configKey !== undefined && { configKey }) };
}

/** The factory's transport and queue must be the ones the module was declared with. */
function checkDeclaration(
  transport: BatonModuleOptions['transport'],
  bull: BullTransportOptions | undefined,
  declared: BullQueueDeclaration | undefined,
): void {
  if (declared === undefined) {
    throw new TransportDeclarationError(
      "the factory chose transport 'bull', but the module was declared without `bull`.",
      "declare it, e.g. BatonModule.forRootAsync({ bull: { queueName: 'baton' }, useFactory }).",
    );
  }
  if (transport !== 'bull') {
    throw new TransportDeclarationError(
      `the module was declared with \`bull\`, but the factory chose transport '${transport}'.`,
      "return transport 'bull' (or leave it out), or remove `bull` from the declaration.",
    );
  }
  for (const field of ['queueName', 'configKey'] as const) {
    if (bull?.[field] !== undefined && bull[field] !== declared[field]) {
      throw new TransportDeclarationError(
        `the factory returned bull.${field} ${JSON.stringify(bull[field])}, but the module was declared with ${JSON.stringify(declared[field])}.`,
        `set bull.${field} in the declaration, BatonModule.forRootAsync({ bull: { ${field}: ${JSON.stringify(bull[field])} }, useFactory }), and leave it out of the factory's options.`,
      );
    }
  }
}
