import { BatonError, type BatonErrorContext } from './baton.error.js';

/** A signal was sent to a run whose workflow has no `@WaitFor` step of that name; nothing was changed. */
export class UnknownSignalError extends BatonError {
  /** Always `'UNKNOWN_SIGNAL'`. */
  readonly code = 'UNKNOWN_SIGNAL' as const;
  /** The signal name that was sent. */
  readonly signal: string;
  /** Every signal name the workflow waits for (its graph's `signals`), sorted. */
  readonly known: readonly string[];

  constructor(signal: string, known: readonly string[], context: BatonErrorContext & { workflow: string }) {
    const fix = `add @WaitFor('${signal}') to the step that should receive it.`;
    super(
      known.length
        ? `Workflow ${context.workflow} waits for no signal '${signal}'; it waits for ${known.map((n) => `'${n}'`).join(', ')}. ` +
            `Send one of those names${context.runId ? ` to run ${context.runId}` : ''}, or ${fix}`
        : `Workflow ${context.workflow} waits for no signal '${signal}'${context.runId ? ` (run ${context.runId})` : ''}; ` +
            `none of its steps has @WaitFor. To wait for it, ${fix}`,
      context,
    );
    this.signal = signal;
    this.known = [...known];
  }
}
