import { BatonError, type BatonErrorContext } from './baton.error.js';

/** What was measured against which limit, for a {@link PayloadTooLargeError}. */
export interface PayloadSize {
  /** What was measured, as the message starts, e.g. `'The input of support-ticket'`. */
  readonly what: string;
  /** The option that sets the limit, e.g. `'maxInputBytes'` or `'maxOutputBytes'`. */
  readonly limit: string;
  /** The limit, in bytes. */
  readonly limitBytes: number;
  /** The size found, in bytes of JSON. */
  readonly bytes: number;
  /**
   * True when `bytes` is only what arrived before reading stopped (a request body without a length).
   * @defaultValue false
   */
  readonly atLeast?: boolean;
  /**
   * How to fix it, ending the message.
   * @defaultValue advice for `maxInputBytes` / `maxOutputBytes`, else "Send less data or raise the limit."
   */
  readonly fix?: string;
}

const FIXES: Record<string, string> = {
  maxInputBytes: 'Send a smaller input or raise BatonModule.forRoot({ maxInputBytes }).',
  maxOutputBytes:
    'Return a smaller output (keep large data elsewhere and return a reference to it) or raise BatonModule.forRoot({ maxOutputBytes }).',
};

/** Groups digits by three with spaces: `1048576` → `1 048 576`. */
function bytesText(bytes: number): string {
  return String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * A run's input, a step's output or a request body is larger, in bytes of JSON, than its configured
 * limit; nothing was started (input) or the step failed (output).
 */
export class PayloadTooLargeError extends BatonError {
  /** Always `'PAYLOAD_TOO_LARGE'`. */
  readonly code = 'PAYLOAD_TOO_LARGE' as const;
  /** The option that sets the exceeded limit, e.g. `'maxInputBytes'`. */
  readonly limit: string;
  /** The limit, in bytes. */
  readonly limitBytes: number;
  /** The size found, in bytes of JSON (a lower bound when the size could not be read to the end). */
  readonly bytes: number;

  constructor(size: PayloadSize, context: BatonErrorContext = {}) {
    const fix = size.fix ?? FIXES[size.limit] ?? 'Send less data or raise the limit.';
    super(
      `${size.what} is ${size.atLeast ? 'at least ' : ''}${bytesText(size.bytes)} bytes of JSON, over ${size.limit} ` +
        `(${bytesText(size.limitBytes)}). ${fix}`,
      context,
    );
    this.limit = size.limit;
    this.limitBytes = size.limitBytes;
    this.bytes = size.bytes;
  }
}
