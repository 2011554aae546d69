import { BatonError } from '@baton/sdk';

/** `BatonModule.forRoot({ transport })` names an unknown transport, or `bull` without its settings. */
export class UnsupportedTransportError extends BatonError {
  /** Always `'UNSUPPORTED_TRANSPORT'`. */
  readonly code = 'UNSUPPORTED_TRANSPORT' as const;

  constructor(transport: string) {
    super(
      transport === 'bull'
        ? "Transport 'bull' needs its Redis settings: BatonModule.forRoot({ transport: 'bull', bull: { redis: 'redis://127.0.0.1:6379' } })."
        : `Transport '${transport}' is not available. Use transport: 'memory' or 'bull'.`,
    );
  }
}
