import { BatonError } from '@baton/sdk';

/**
 * `BatonModule.forRootAsync`'s factory returned bull settings that disagree with the module's declaration:
 * the step queue is registered with `@nestjs/bull` when the module is declared, before the factory runs.
 */
export class TransportDeclarationError extends BatonError {
  /** Always `'TRANSPORT_DECLARATION'`. */
  readonly code = 'TRANSPORT_DECLARATION' as const;

  constructor(problem: string, fix: string) {
    super(
      `BatonModule.forRootAsync: ${problem} The bull step queue is registered with BullModule when the module is declared, before useFactory runs: ${fix}`,
    );
  }
}
