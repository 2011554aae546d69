import type { BatonClient } from '../client/baton.client.js';
import type { TraceEvent } from '../events/trace-event.js';

/** Every live trace event a client published since {@link recordTrace} started, for assertions. */
export interface TraceRecording {
  /** Every event, of every run, in publication order. */
  readonly events: TraceEvent[];
  /** The events of one run, in publication order. */
  of(runId: string): TraceEvent[];
  /** Stops recording. */
  stop(): void;
}

/**
 * Records every live trace event of `client`. Start it before the first run: a run publishes its first
 * events inside `start()`, before its id is known.
 *
 * @example
 * const trace = recordTrace(runtime.client);
 * const { runId, result } = await runtime.client.start('support-ticket', ticket);
 * await result();
 * expect(trace.of(runId).map((e) => e.type)).toContain('step.recovered');
 */
export function recordTrace(client: BatonClient): TraceRecording {
  const events: TraceEvent[] = [];
  const subscription = client.events().subscribe((event) => events.push(event));
  return {
    events,
    of: (runId) => events.filter((event) => event.runId === runId),
    stop: () => subscription.unsubscribe(),
  };
}
