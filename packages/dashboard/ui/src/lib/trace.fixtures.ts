import type { TraceEvent } from '@baton/runtime';
import type { WorkflowGraph } from '@baton/sdk';

/** An event of some kind without the fields {@link trace} stamps (`ts` optional). */
export type NewEvent = TraceEvent extends infer E
  ? E extends TraceEvent
    ? Omit<E, 'seq' | 'runId' | 'ts'> & { ts?: number }
    : never
  : never;

/** Builds a trace with consecutive seqs, for the specs. */
export function trace(runId = 'r1'): {
  add: (e: NewEvent) => void;
  events: TraceEvent[];
} {
  const events: TraceEvent[] = [];
  let ts = 1000;
  return {
    events,
    add(e) {
      ts = e.ts ?? ts + 10;
      events.push({ seq: events.length + 1, runId, ts, ...e });
    },
  };
}

const step = (name: string, dependsOn: string[], extra: object = {}) => ({
  name,
  kind: 'step' as const,
  dependsOn,
  retry: { attempts: 1, backoff: 'exponential' as const, delay: 1000, jitter: 0 },
  fallback: false,
  ...extra,
});

/** classify → route → (billing | bug) → lookup (retry 2, timeout, fallback) → items (forEach). */
export const GRAPH: WorkflowGraph = {
  name: 'wf',
  version: 'v1',
  steps: [
    step('classify', []),
    { ...step('route', ['classify']), kind: 'route', routes: ['billing', 'bug'] },
    step('billing', ['route']),
    step('bug', ['route']),
    step('lookup', ['billing', 'bug'], {
      retry: { attempts: 2, backoff: 'fixed', delay: 200, jitter: 0 },
      timeoutMs: 50,
      fallback: true,
    }),
    { ...step('items', ['lookup']), kind: 'forEach' },
  ],
};

/**
 * plan → fastModel | slowModel → pick (join any) → write ↔ critique (route: back to write or on to
 * publish, ≤ 3 passes) → publish; a token budget of 2 000.
 */
export const AGENT_GRAPH: WorkflowGraph = {
  name: 'agent',
  version: 'v1',
  steps: [
    step('plan', []),
    step('fastModel', ['plan'], { group: 'parallel:fastModel' }),
    step('slowModel', ['plan'], { group: 'parallel:fastModel' }),
    step('pick', ['fastModel', 'slowModel'], { join: 'any' }),
    step('write', ['pick']),
    {
      ...step('critique', ['write']),
      kind: 'route',
      routes: ['write', 'publish'],
      maxIterations: 3,
      backTargets: ['write'],
    },
    step('publish', ['critique']),
  ],
  loops: [{ router: 'critique', target: 'write', body: ['write', 'critique'], maxIterations: 3 }],
  budget: { tokens: 2000, steps: 20 },
};

/** A step of {@link AGENT_GRAPH} that runs once and succeeds, reporting `usage` (tagged with its pass). */
function runs(
  t: ReturnType<typeof trace>,
  name: string,
  usage?: Record<string, number>,
  iteration?: number,
  output: unknown = name,
): void {
  const pass = iteration !== undefined ? { iteration } : {};
  t.add({ type: 'step.scheduled', step: name, ...pass });
  t.add({ type: 'step.started', step: name, attempt: 1, ...pass });
  if (usage) t.add({ type: 'step.usage', step: name, ...pass, data: { usage, total: usage } });
  t.add({ type: 'step.succeeded', step: name, attempt: 1, ...pass, data: { output } });
}

/**
 * A run of {@link AGENT_GRAPH} (the runtime's event shapes, DESIGN §7): fastModel wins the race and
 * slowModel, started, is superseded; critique sends write back twice (pass 2 of write retries once); pass
 * 3 of write crosses the token budget, so the run fails with `BUDGET_EXCEEDED` and critique and publish
 * are skipped for the budget. 9 step executions, 2 250 tokens.
 */
export function agentTrace(): TraceEvent[] {
  const t = trace();
  t.add({ type: 'run.started', data: { workflow: 'agent', version: 'v1', input: { topic: 'loops' } }, ts: 1000 });
  runs(t, 'plan');
  t.add({ type: 'step.scheduled', step: 'fastModel' });
  t.add({ type: 'step.scheduled', step: 'slowModel' });
  t.add({ type: 'step.started', step: 'fastModel', attempt: 1 });
  t.add({ type: 'step.started', step: 'slowModel', attempt: 1 });
  t.add({
    type: 'step.usage',
    step: 'fastModel',
    data: { usage: { tokens: 100, costUsd: 0.001 }, total: { tokens: 100, costUsd: 0.001 } },
  });
  t.add({ type: 'step.succeeded', step: 'fastModel', attempt: 1, data: { output: 'fast notes' } });
  t.add({ type: 'step.scheduled', step: 'pick' });
  t.add({ type: 'step.skipped', step: 'slowModel', data: { reason: 'superseded' } });
  t.add({ type: 'step.started', step: 'pick', attempt: 1 });
  t.add({ type: 'step.succeeded', step: 'pick', attempt: 1, data: { output: 'fast notes' } });
  runs(t, 'write', { tokens: 600, costUsd: 0.006 }, 1, 'draft 1');
  runs(t, 'critique', { tokens: 100 }, 1, 'write');
  const body = ['write', 'critique'];
  t.add({
    type: 'loop.iteration',
    step: 'critique',
    iteration: 2,
    data: { target: 'write', iteration: 2, maxIterations: 3, body },
  });
  t.add({ type: 'step.scheduled', step: 'write', iteration: 2 });
  t.add({ type: 'step.started', step: 'write', attempt: 1, iteration: 2 });
  const flaky = { name: 'Error', message: 'model overloaded' };
  t.add({ type: 'step.usage', step: 'write', iteration: 2, data: { usage: { tokens: 50 }, total: { tokens: 50 } } });
  t.add({ type: 'step.retrying', step: 'write', attempt: 1, iteration: 2, data: { error: flaky, delayMs: 0 } });
  t.add({ type: 'step.started', step: 'write', attempt: 2, iteration: 2 });
  t.add({
    type: 'step.usage',
    step: 'write',
    iteration: 2,
    data: { usage: { tokens: 600, costUsd: 0.006 }, total: { tokens: 600, costUsd: 0.006 } },
  });
  t.add({ type: 'step.succeeded', step: 'write', attempt: 2, iteration: 2, data: { output: 'draft 2' } });
  runs(t, 'critique', { tokens: 100 }, 2, 'write');
  t.add({
    type: 'loop.iteration',
    step: 'critique',
    iteration: 3,
    data: { target: 'write', iteration: 3, maxIterations: 3, body },
  });
  runs(t, 'write', { tokens: 700, costUsd: 0.007 }, 3, 'draft 3');
  t.add({ type: 'step.skipped', step: 'critique', iteration: 3, data: { reason: 'budget' } });
  t.add({ type: 'step.skipped', step: 'publish', data: { reason: 'budget' } });
  const budget = { budget: 'tokens', cap: 2000, spent: 2250 };
  const error = { name: 'BudgetExceededError', message: 'over budget', code: 'BUDGET_EXCEEDED', details: budget };
  t.add({ type: 'run.failed', data: { error } });
  return t.events;
}

/** draft → approval (waits for `approval`, an `Approval`, 1 h) → pause (delayed 5 s) → send. */
export const WAIT_GRAPH: WorkflowGraph = {
  name: 'waits',
  version: 'v1',
  steps: [
    step('draft', []),
    step('approval', ['draft'], { wait: { signal: 'approval', timeoutMs: 3_600_000, payload: 'Approval' } }),
    step('pause', ['approval'], { delay: { ms: 5_000 } }),
    step('send', ['pause']),
  ],
  signals: ['approval'],
};
