import { BatonError } from '@baton/sdk';

/** The `bull` transport has no Redis connection: no `bull.redis` and no `BullModule.forRoot` configuration to reuse. */
export class BullConnectionMissingError extends BatonError {
  /** Always `'BULL_CONNECTION_MISSING'`. */
  readonly code = 'BULL_CONNECTION_MISSING' as const;
  /** The `BullModule.forRoot` configuration that was looked for (`undefined`: the unnamed one). */
  readonly configKey?: string;

  constructor(configKey?: string) {
    const forRoot =
      configKey === undefined ? 'BullModule.forRoot({ redis })' : `BullModule.forRoot('${configKey}', { redis })`;
    super(
      `BatonModule (transport 'bull') has no Redis connection: bull.redis is not set and the app has no ${forRoot} configuration to reuse. ` +
        `Set bull.redis, e.g. BatonModule.forRoot({ transport: 'bull', bull: { redis: 'redis://127.0.0.1:6379' } }), ` +
        `or import ${forRoot} in your app module.`,
    );
    if (configKey !== undefined) this.configKey = configKey;
  }
}
