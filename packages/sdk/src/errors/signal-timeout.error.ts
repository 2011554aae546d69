import { formatDuration } from '../graph/format-duration.js';
import { BatonError, type BatonErrorContext } from './baton.error.js';

/**
 * A `@WaitFor` step waited longer than its `timeout` for its signal; the step failed without running, and
 * a `@Fallback` on it may decide instead (auto-approve, auto-reject).
 */
export class SignalTimeoutError extends BatonError {
  /** Always `'SIGNAL_TIMEOUT'`. */
  readonly code = 'SIGNAL_TIMEOUT' as const;
  /** The signal the step waited for. */
  readonly signal: string;
  /** How long it waited, in milliseconds (`@WaitFor(name, { timeout })`). */
  readonly timeoutMs: number;

  constructor(signal: string, timeoutMs: number, context: BatonErrorContext & { workflow: string; step: string }) {
    const human = timeoutMs >= 2_000 ? ` (${formatDuration(timeoutMs)})` : '';
    super(
      `Step ${context.workflow}.${context.step} waited ${timeoutMs} ms${human} for signal '${signal}' without ` +
        `receiving it${context.runId ? ` (run ${context.runId})` : ''}. Send the signal sooner, raise ` +
        `@WaitFor('${signal}', { timeout }), or add a @Fallback that decides without it.`,
      context,
    );
    this.signal = signal;
    this.timeoutMs = timeoutMs;
  }
}
