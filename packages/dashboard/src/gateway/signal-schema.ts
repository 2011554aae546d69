import type { RegisteredWorkflow } from '@baton/runtime';
import type { SignalSchema } from '../protocol.js';
import { payloadFields } from './payload-metadata.accessor.js';

/**
 * What each signal of a workflow carries, in the graph's (sorted) signal order: the steps waiting for it
 * and the fields of its payload class. Like `client.signal`, a signal several steps wait for is validated
 * against the first waiter's class. Empty when no step waits.
 */
export function signalSchemas(workflow: Pick<RegisteredWorkflow, 'graph' | 'compiled'>): SignalSchema[] {
  const { graph, compiled } = workflow;
  return (graph.signals ?? []).map((name) => {
    const steps = graph.steps.filter((node) => node.wait?.signal === name);
    const first = steps[0];
    const payloadClass = first ? compiled.steps[first.name]?.waitPayload : undefined;
    const fields = payloadClass ? payloadFields(payloadClass) : undefined;
    const payload = first?.wait?.payload ?? payloadClass?.name;
    return {
      name,
      steps: steps.map((node) => node.name),
      ...(payload !== undefined && { payload }),
      ...(fields && { fields }),
    };
  });
}
