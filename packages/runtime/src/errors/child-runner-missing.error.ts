import { BatonError } from '@baton/sdk';

/** A step called `ctx.run` on a transport no `BatonClient` has been attached to (it installs the child runner). */
export class ChildRunnerMissingError extends BatonError {
  /** Always `'CHILD_RUNNER_MISSING'`. */
  readonly code = 'CHILD_RUNNER_MISSING' as const;

  constructor() {
    super(
      'A step started a child run, but no BatonClient is attached to this transport. Import BatonModule so that BatonClient is created, or call transport.setChildRunner(...) yourself.',
    );
  }
}
