/**
 * In-process peers: Baton on the `memory` transport beside LangGraph.js and Mastra workflows, with the same
 * step bodies, in one process.
 *
 * Peers (root devDependencies, bench only): @langchain/langgraph 1.7.3 with its peer @langchain/core 1.4.0,
 * @mastra/core 0.24.9 (1.x needs Node 22.13), zod 3.25.76 (the schemas both peers take). Each is used with
 * its defaults: LangGraph `StateGraph(...).compile()` with no checkpointer, `graph.invoke(input)`; Mastra
 * `createWorkflow(...).commit()` without a Mastra instance (no storage), `createRunAsync()` + `start()`.
 *
 * Workloads (see bench/inproc-app.mjs for Baton's classes):
 * - 10-step chain: ten no-op async steps in sequence (`seq10`; LangGraph: ten nodes and edges; Mastra:
 *   `.then()` ×10).
 * - 10-wide fan-out + join: ten no-op steps at once, then a join that counts their results (`par10-join`;
 *   LangGraph: START → ten nodes → `addEdge([ten], 'join')`; Mastra: `.parallel([ten]).then(join)`).
 * - support ticket: classify → route to one of two agents → accountLookup ∥ kbSearch → draft (`support-ticket`;
 *   LangGraph: a conditional edge, then edges from both agents to the two lookups and a join edge to draft;
 *   Mastra: `.then(classify).branch([...]).parallel([...]).then(draft)`). accountLookup retries once on
 *   error in all three (Baton also has its fallback, which costs nothing unless it fails). Overhead per step
 *   counts the 5 steps that do work; Baton's `route` is a step of its own and is part of its overhead.
 * - 1 ms steps: the 10-step chain where every step awaits a real `setTimeout(1)`.
 *
 * Method: as bench/in-process.mjs. Each run is timed alone (one run at a time, awaited); Baton, the peers
 * and a plain `await` baseline are interleaved run by run. Baton is first warmed with 10 000 runs so its
 * default retention (10 000 finished runs) is full. Overhead per step = (p50 run − plain p50) / steps.
 * Ratios are Baton / peer (runs/s: above 1 means Baton runs more; overhead: below 1 means Baton adds less).
 *
 * The measurement runs in a child process (the peers' module graphs stay out of bench/run.mjs's process).
 * Run alone: `node bench/peers-inproc.mjs`. BENCH_PEERS_RUNS (default 300) and BENCH_PEERS_TIMER_RUNS
 * (default 100) set the measured runs per workload.
 */
import { nowUs, percentile, round } from './lib.mjs';
import { bootApp, isMain, noop, printRows, runChildJson, sleep1, ticket, warnIfBusy } from './inproc-app.mjs';

const SECTION = '8. in-process peers (memory transport)';
const CHILD_FLAG = '--peers-inproc-child';
const RUNS = Number(process.env.BENCH_PEERS_RUNS ?? 300);
const TIMER_RUNS = Number(process.env.BENCH_PEERS_TIMER_RUNS ?? 100);
const WARMUP = Math.max(10, Math.round(RUNS / 5));
const BATON_FILL = 10_000;
const N = 10;
const NAMES = Array.from({ length: N }, (_, i) => `s${i}`);
const PEERS = { langgraph: 'LangGraph 1.7.3', mastra: 'Mastra 0.24.9' };

/** The support ticket's step bodies, shared by the peers (the same work as inproc-app.mjs's SupportTicket). */
const ticketWork = {
  classify: (input) => {
    const text = `${input.subject} ${input.body}`.toLowerCase();
    return Promise.resolve({ kind: /refund|invoice|charge/.test(text) ? 'billing' : 'bug', confidence: 0.9 });
  },
  billingAgent: (input) => Promise.resolve({ summary: `billing: ${input.subject}`, refund: true }),
  bugAgent: (input) => Promise.resolve({ summary: `bug: ${input.subject}`, severity: 'minor' }),
  accountLookup: (input) => Promise.resolve({ account: { email: input.customerEmail, plan: 'pro' } }),
  kbSearch: (input) => Promise.resolve({ articles: input.body.split(' ').slice(0, 3) }),
  draft: (agent, account, kb) =>
    Promise.resolve({
      reply: `Hello ${account.account?.email ?? 'there'}: ${agent.summary} (${kb.articles.length} articles)`,
    }),
};

/** The plain baselines: the same bodies without an engine. */
const plain = {
  chain: async (step) => {
    for (let i = 0; i < N; i++) await step();
  },
  fan: async () => {
    const results = await Promise.all(NAMES.map(() => noop()));
    return results.length;
  },
  ticket: async (input) => {
    const kind = await ticketWork.classify(input);
    const agent = await (kind.kind === 'billing' ? ticketWork.billingAgent(input) : ticketWork.bugAgent(input));
    const [account, kb] = await Promise.all([ticketWork.accountLookup(input), ticketWork.kbSearch(input)]);
    return ticketWork.draft(agent, account, kb);
  },
};

async function langGraphFlows() {
  const { Annotation, END, START, StateGraph } = await import('@langchain/langgraph');
  const State = Annotation.Root({
    input: Annotation(),
    results: Annotation({ reducer: (a, b) => ({ ...a, ...b }), default: () => ({}) }),
  });
  const chainOf = (step) => {
    const graph = new StateGraph(State);
    NAMES.forEach((name) => graph.addNode(name, async () => ({ results: { [name]: await step() } })));
    graph.addEdge(START, NAMES[0]);
    for (let i = 1; i < N; i++) graph.addEdge(NAMES[i - 1], NAMES[i]);
    graph.addEdge(NAMES[N - 1], END);
    return graph.compile();
  };
  const fan = new StateGraph(State);
  for (const name of NAMES) {
    fan.addNode(name, async () => ({ results: { [name]: await noop() } }));
    fan.addEdge(START, name);
  }
  fan.addNode('join', async (state) => ({ results: { join: Object.keys(state.results).length } }));
  fan.addEdge(NAMES, 'join');
  fan.addEdge('join', END);

  const t = new StateGraph(State);
  const w = ticketWork;
  t.addNode('classify', async (s) => ({ results: { classify: await w.classify(s.input) } }));
  t.addNode('billingAgent', async (s) => ({ results: { billingAgent: await w.billingAgent(s.input) } }));
  t.addNode('bugAgent', async (s) => ({ results: { bugAgent: await w.bugAgent(s.input) } }));
  t.addNode('accountLookup', async (s) => ({ results: { accountLookup: await w.accountLookup(s.input) } }), {
    retryPolicy: { maxAttempts: 2 },
  });
  t.addNode('kbSearch', async (s) => ({ results: { kbSearch: await w.kbSearch(s.input) } }));
  t.addNode('draft', async (s) => {
    const r = s.results;
    return { results: { draft: await w.draft(r.billingAgent ?? r.bugAgent, r.accountLookup, r.kbSearch) } };
  });
  t.addEdge(START, 'classify');
  t.addConditionalEdges('classify', (s) => (s.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent'), [
    'billingAgent',
    'bugAgent',
  ]);
  for (const agent of ['billingAgent', 'bugAgent'])
    for (const next of ['accountLookup', 'kbSearch']) t.addEdge(agent, next);
  t.addEdge(['accountLookup', 'kbSearch'], 'draft');
  t.addEdge('draft', END);

  const graphs = { chain: chainOf(noop), timer: chainOf(sleep1), fan: fan.compile(), ticket: t.compile() };
  return {
    chain: async () => (await graphs.chain.invoke({ input: {} })).results[NAMES[N - 1]],
    timer: async () => (await graphs.timer.invoke({ input: {} })).results[NAMES[N - 1]],
    fan: async () => (await graphs.fan.invoke({ input: {} })).results.join,
    ticket: async (input) => (await graphs.ticket.invoke({ input })).results.draft,
  };
}

async function mastraFlows() {
  const { createStep, createWorkflow } = await import('@mastra/core/workflows');
  const { z } = await import('zod');
  const any = z.any();
  const step = (id, execute, extra = {}) => createStep({ id, inputSchema: any, outputSchema: any, execute, ...extra });
  const chainOf = (id, body) => {
    let workflow = createWorkflow({ id, inputSchema: any, outputSchema: any });
    for (const name of NAMES) workflow = workflow.then(step(name, () => body()));
    return workflow.commit();
  };
  const fan = createWorkflow({ id: 'fan10-join', inputSchema: any, outputSchema: any })
    .parallel(NAMES.map((name) => step(name, () => noop())))
    .then(step('join', async ({ inputData }) => Object.keys(inputData).length))
    .commit();
  const w = ticketWork;
  const billingAgent = step('billingAgent', ({ getInitData }) => w.billingAgent(getInitData()));
  const bugAgent = step('bugAgent', ({ getInitData }) => w.bugAgent(getInitData()));
  const ticketFlow = createWorkflow({ id: 'support-ticket', inputSchema: any, outputSchema: any })
    .then(step('classify', ({ inputData }) => w.classify(inputData)))
    .branch([
      [async ({ inputData }) => inputData.kind === 'billing', billingAgent],
      [async ({ inputData }) => inputData.kind !== 'billing', bugAgent],
    ])
    .parallel([
      step('accountLookup', ({ getInitData }) => w.accountLookup(getInitData()), { retries: 1 }),
      step('kbSearch', ({ getInitData }) => w.kbSearch(getInitData())),
    ])
    .then(
      step('draft', ({ inputData, getStepResult }) =>
        w.draft(
          getStepResult('billingAgent') ?? getStepResult('bugAgent'),
          inputData.accountLookup,
          inputData.kbSearch,
        ),
      ),
    )
    .commit();
  const workflows = {
    chain: chainOf('chain10', noop),
    timer: chainOf('chain10-timer', sleep1),
    fan,
    ticket: ticketFlow,
  };
  const start = async (workflow, inputData) => {
    const run = await workflow.createRunAsync();
    const result = await run.start({ inputData });
    if (result.status !== 'success')
      throw new Error(
        `bench peers-inproc: Mastra ${workflow.id} ended with ${result.status}: ${result.error?.message ?? ''}`,
      );
    return result.result;
  };
  return {
    chain: () => start(workflows.chain, {}),
    timer: () => start(workflows.timer, {}),
    fan: () => start(workflows.fan, {}),
    ticket: (input) => start(workflows.ticket, input),
  };
}

/** Times `runs` interleaved rounds of every variant (each `fn(i)`), returning microseconds per run by variant. */
async function measure(variants, runs) {
  const entries = Object.entries(variants);
  const times = Object.fromEntries(entries.map(([name]) => [name, new Array(runs)]));
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of entries) {
      const start = nowUs();
      await fn(i);
      times[name][i] = nowUs() - start;
    }
  }
  return times;
}

const sum = (values) => values.reduce((a, b) => a + b, 0);

function workloadRows(label, steps, times, { timers = false } = {}) {
  const p50 = (name) => percentile(times[name], 50);
  const runsPerS = (name) => (times[name].length * 1e6) / sum(times[name]);
  const overhead = (name) => (p50(name) - p50('plain')) / steps;
  const added = (name) => ((p50(name) - p50('plain')) / p50('plain')) * 100;
  const rows = [];
  for (const [key, peer] of Object.entries(PEERS)) {
    rows.push({
      section: SECTION,
      metric: `${label}: runs/s (one run at a time) vs ${peer}`,
      value: Math.round(runsPerS('baton')),
      unit: 'runs/s',
      baseline: Math.round(runsPerS(key)),
      baselineName: `${peer} runs/s`,
      ratio: round(runsPerS('baton') / runsPerS(key), 2),
    });
    rows.push(
      timers
        ? {
            section: SECTION,
            metric: `${label}: % added to run time (median, vs plain ${round(p50('plain') / 1000, 2)} ms) vs ${peer}`,
            value: round(added('baton'), 2),
            unit: '%',
            baseline: round(added(key), 2),
            baselineName: `${peer} % added`,
            ratio: round(added('baton') / added(key), 3),
          }
        : {
            section: SECTION,
            metric: `${label}: overhead per step p50 ((run p50 - plain ${round(p50('plain'), 1)} us) / ${steps}) vs ${peer}`,
            value: round(overhead('baton'), 2),
            unit: 'us',
            baseline: round(overhead(key), 1),
            baselineName: `${peer} us/step`,
            ratio: round(overhead('baton') / overhead(key), 4),
          },
    );
  }
  return rows;
}

/** Checks once that the three engines compute the same thing for a workload. */
async function sameOutputs(label, variants) {
  const outputs = await Promise.all(
    Object.entries(variants).map(async ([name, fn]) => [name, JSON.stringify(await fn(0))]),
  );
  const distinct = new Set(outputs.map(([, out]) => out));
  if (distinct.size > 1)
    throw new Error(`bench peers-inproc: ${label}: outputs differ: ${outputs.map(([n, o]) => `${n}=${o}`).join(', ')}`);
}

async function measureAll() {
  warnIfBusy('peers-inproc');
  const [langgraph, mastra, { app, client }] = await Promise.all([langGraphFlows(), mastraFlows(), bootApp()]);
  try {
    for (let i = 0; i < BATON_FILL; i++) await client.execute('seq10', {});
    const workloads = [
      {
        key: 'chain',
        label: `10-step chain (${RUNS} runs)`,
        steps: 10,
        baton: () => client.execute('seq10', {}).then(() => 0),
        plain: () => plain.chain(noop).then(() => 0),
        runs: RUNS,
      },
      {
        key: 'fan',
        label: `10-wide fan-out + join (${RUNS} runs)`,
        steps: 11,
        baton: () => client.execute('par10-join', {}),
        plain: () => plain.fan(),
        runs: RUNS,
      },
      {
        key: 'ticket',
        label: `support ticket (${RUNS} runs, alternating routes)`,
        steps: 5,
        baton: (i) => client.execute('support-ticket', ticket(i)),
        plain: (i) => plain.ticket(ticket(i)),
        runs: RUNS,
      },
      {
        key: 'timer',
        label: `10-step chain, 1 ms setTimeout steps (${TIMER_RUNS} runs)`,
        steps: 10,
        baton: () => client.execute('seq10-timer', {}).then(() => 0),
        plain: () => plain.chain(sleep1).then(() => 0),
        runs: TIMER_RUNS,
        timers: true,
      },
    ];
    const rows = [];
    for (const w of workloads) {
      const inputOf = w.key === 'ticket' ? (i) => ticket(i) : () => undefined;
      const variants = {
        baton: w.baton,
        plain: w.plain,
        langgraph:
          w.key === 'chain' || w.key === 'timer'
            ? () => langgraph[w.key]().then(() => 0)
            : (i) => langgraph[w.key](inputOf(i)),
        mastra:
          w.key === 'chain' || w.key === 'timer'
            ? () => mastra[w.key]().then(() => 0)
            : (i) => mastra[w.key](inputOf(i)),
      };
      await sameOutputs(w.label, variants);
      await measure(variants, w.timers ? Math.max(5, Math.round(w.runs / 10)) : WARMUP);
      rows.push(...workloadRows(w.label, w.steps, await measure(variants, w.runs), { timers: w.timers }));
    }
    return rows;
  } finally {
    await app.close();
  }
}

/** @returns {Promise<import('./row.mjs').BenchRow[]>} */
export async function run() {
  if (process.argv.includes(CHILD_FLAG)) return measureAll();
  return runChildJson(import.meta.url, [], [CHILD_FLAG]);
}

if (isMain(import.meta.url)) {
  const rows = await run();
  // The child exits once its rows are written: a timer or handle a peer leaves open must not keep it alive.
  if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(rows)}\n`, () => process.exit(0));
  else printRows(rows);
}
