import type { RunState } from '../coordinator/run-state.js';
import { isSuccess } from '../coordinator/step-status.js';

/**
 * `ctx.results` over a run's state without copying it: the latest outputs of its steps that have one
 * (succeeded, recovered, or from an earlier loop pass), by name, read when asked. Building it costs nothing however many steps the run has.
 */
export function resultsView(state: RunState): Readonly<Record<string, unknown>> {
  // A step's latest output counts, even while a loop's next pass runs it again (or a forEach kept the items
  // that succeeded when others failed and its dependents tolerate that).
  const settled = (name: string | symbol): boolean =>
    typeof name === 'string' &&
    Object.hasOwn(state.steps, name) &&
    (isSuccess(state.steps[name].status) || state.steps[name].output !== undefined);
  return new Proxy(
    {},
    {
      get: (_target, name) => (settled(name) ? state.steps[name as string].output : undefined),
      has: (_target, name) => settled(name),
      ownKeys: () => Object.keys(state.steps).filter(settled),
      getOwnPropertyDescriptor: (_target, name) =>
        settled(name)
          ? { value: state.steps[name as string].output, enumerable: true, configurable: true, writable: false }
          : undefined,
    },
  );
}
