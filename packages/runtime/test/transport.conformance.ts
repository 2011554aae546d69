import { afterAll, beforeAll, describe } from 'vitest';
import { AGENT_FLOW_PROVIDERS } from './support/agent-flow.workflows.js';
import { WAIT_PROVIDERS } from './support/wait.workflows.js';
import { CONFORMANCE_PROVIDERS } from './support/conformance.workflows.js';
import { recordEvents } from './trace.js';
import { ConformanceContext, type MakeConformanceApp } from './conformance/conformance-context.js';
import { describeFlow } from './conformance/flow.conformance.js';
import { describeRecovery } from './conformance/recovery.conformance.js';
import { describeRuns } from './conformance/runs.conformance.js';
import { describeAgentFlow } from './conformance/agent-flow.conformance.js';
import { describeWaits } from './conformance/waits.conformance.js';

export type { ConformanceApp, MakeConformanceApp } from './conformance/conformance-context.js';

/**
 * Every semantic behaviour a {@link Transport} must have, run against each implementation (memory and
 * bull) through the public `BatonClient` only, in the manner of BullMQ's backend conformance suite. One
 * app serves the whole suite; tests never share a run, an input key or an idempotency key. The sections
 * live in `conformance/`: flow (routing, joins, parallel, forEach), recovery (retry, timeout, fallback,
 * failure, stop, cancel), runs (children, rerun, traces, results, limits, idempotency) and agent flow
 * (loops, join policies, budgets) and waits (signals, timeouts, delays, progress).
 */
export function transportConformance(name: string, makeApp: MakeConformanceApp): void {
  describe(`Transport conformance: ${name}`, () => {
    const ctx = new ConformanceContext();
    beforeAll(async () => {
      ctx.app = await makeApp([...CONFORMANCE_PROVIDERS, ...AGENT_FLOW_PROVIDERS, ...WAIT_PROVIDERS]);
      ctx.live = recordEvents(ctx.client);
    });
    afterAll(async () => {
      ctx.live?.stop();
      await ctx.app?.close();
    });

    describeFlow(ctx);
    describeRecovery(ctx);
    describeRuns(ctx);
    describeAgentFlow(ctx);
    describeWaits(ctx);
  });
}
