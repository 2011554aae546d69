import type { BatonClient, TraceEvent } from '../src/index.js';

/** Collects every trace event of the client from now on; call `stop()` when done. */
export function recordEvents(client: BatonClient): {
  events: TraceEvent[];
  of(runId: string): TraceEvent[];
  stop(): void;
} {
  const events: TraceEvent[] = [];
  const subscription = client.events().subscribe((event) => events.push(event));
  return {
    events,
    of: (runId) => events.filter((e) => e.runId === runId),
    stop: () => subscription.unsubscribe(),
  };
}

/** `type` or `type:step` or `type:step#attempt` for compact timeline assertions. */
export function timeline(events: readonly TraceEvent[], step?: string): string[] {
  return events
    .filter((e) => step === undefined || e.step === step)
    .map((e) =>
      [e.type, e.step, e.index !== undefined ? `[${e.index}]` : '', e.attempt !== undefined ? `#${e.attempt}` : '']
        .filter((p) => p !== undefined && p !== '')
        .join(':'),
    );
}
