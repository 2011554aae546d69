import { RunNotFoundError, RunNotRunningError, UnknownSignalError, validateInput } from '@baton/sdk';
import type { WorkflowRegistry } from '../discovery/workflow.registry.js';
import type { ResolvedBatonOptions } from '../options/baton-options.js';
import type { Transport } from '../transports/transport.js';
import { checkInput } from './check-input.js';
import type { SignalTarget } from './signal-target.js';

/** What {@link sendSignal} needs from the client. */
export interface SignalDeps {
  registry: WorkflowRegistry;
  transport: Transport;
  options: ResolvedBatonOptions;
}

/**
 * Validates a signal against the run's workflow and delivers it (see `BatonClient.signal`). Resolves with
 * the run's id.
 */
export async function sendSignal(
  deps: SignalDeps,
  target: SignalTarget,
  name: string,
  payload: unknown,
): Promise<string> {
  const runId = await resolveTarget(deps, target);
  const state = await deps.transport.store.get(runId);
  if (!state) throw new RunNotFoundError(runId);
  const registered = deps.registry.get(state.workflow);
  const known = registered.graph.signals ?? [];
  if (typeof name !== 'string' || !known.includes(name)) {
    throw new UnknownSignalError(String(name), known, { workflow: registered.name, runId });
  }
  if (state.status !== 'running') {
    throw new RunNotRunningError(state.status, { runId, workflow: registered.name }, name);
  }
  checkInput(payload, deps.options, { workflow: registered.name });
  const waiter = registered.graph.steps.find((node) => node.wait?.signal === name)!;
  const payloadClass = registered.compiled.steps[waiter.name]?.waitPayload;
  if (payloadClass) validateInput(payloadClass, payload, registered.name, `signal '${name}' payload`);
  // Kept as sent (JSON); the step receives it as an instance of the payload class.
  const delivered = await deps.transport.signal(runId, name, payload === undefined ? null : payload);
  if (!delivered) {
    const now = await deps.transport.store.get(runId);
    throw new RunNotRunningError(now?.status ?? 'unknown', { runId, workflow: registered.name }, name);
  }
  return runId;
}

async function resolveTarget(deps: SignalDeps, target: SignalTarget): Promise<string> {
  if (typeof target === 'string') return target;
  const workflow = deps.registry.get(target.workflow).name;
  const runId = await deps.transport.store.findByIdempotencyKey(workflow, target.idempotencyKey);
  if (runId === undefined) throw new RunNotFoundError(`${workflow} with idempotency key '${target.idempotencyKey}'`);
  return runId;
}
