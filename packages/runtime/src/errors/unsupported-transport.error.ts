import { BatonError } from '@baton/sdk';

/** `BatonModule.forRoot({ transport })` names a transport Baton does not have. */
export class UnsupportedTransportError extends BatonError {
  /** Always `'UNSUPPORTED_TRANSPORT'`. */
  readonly code = 'UNSUPPORTED_TRANSPORT' as const;

  constructor(transport: string) {
    super(`Transport '${transport}' is not available. Use transport: 'memory' or 'bull'.`);
  }
}
