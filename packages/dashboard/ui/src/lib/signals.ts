import type { TraceEvent } from '@baton/runtime';

/** What the trace says about a run's signals. */
export interface TracedSignals {
  /** Signals received that no step has taken yet, counted by name. */
  pending: Record<string, number>;
  /** The payload each step took (its `ctx.received`), by step; the latest pass's for a step in a loop. */
  received: Map<string, unknown>;
}

/**
 * Replays the runtime's rule over the trace: a `signal.received` naming a step was taken by it at once;
 * one naming none is kept, in arrival order, until a step starts waiting for its name (`step.waiting`),
 * which then takes the oldest (the runtime records no event for that).
 */
export function deriveSignals(events: readonly TraceEvent[]): TracedSignals {
  const queues = new Map<string, unknown[]>();
  const received = new Map<string, unknown>();
  for (const event of events) {
    if (event.type === 'signal.received') {
      const signal = event.data;
      if (signal.step !== undefined) received.set(signal.step, signal.payload);
      else queues.set(signal.signal, [...(queues.get(signal.signal) ?? []), signal.payload]);
    }
    if (event.type !== 'step.waiting' || event.step === undefined) continue;
    const name = event.data.signal;
    const queue = name === undefined ? undefined : queues.get(name);
    if (queue && queue.length > 0) received.set(event.step, queue.shift());
  }
  const pending: Record<string, number> = {};
  for (const [name, queue] of queues) if (queue.length > 0) pending[name] = queue.length;
  return { pending, received };
}
