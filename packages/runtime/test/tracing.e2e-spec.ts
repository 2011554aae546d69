import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { startBullApp } from './support/bull-app.js';
import { startMemoryApp } from './support/memory-app.js';
import { TRACED_WORKFLOWS } from './support/traced.workflows.js';

type App = Awaited<ReturnType<typeof startMemoryApp>>;

const transports: Array<[string, () => Promise<App>]> = [
  ['memory', () => startMemoryApp(TRACED_WORKFLOWS)],
  ['bull', () => startBullApp(inject('redisUrl'), TRACED_WORKFLOWS)],
];

/** A span as the test compares it: name, Baton's attributes, and its children (sorted by name and attempt). */
interface Node {
  name: string;
  attributes: Record<string, unknown>;
  error?: string;
  children?: Node[];
}

function tree(spans: readonly ReadableSpan[], parentId: string | undefined): Node[] {
  return spans
    .filter((span) => span.parentSpanContext?.spanId === parentId)
    .map((span): Node => {
      const attributes = Object.fromEntries(
        Object.entries(span.attributes).filter(([key]) => key !== 'baton.run_id' && key !== 'baton.parent_run_id'),
      );
      const children = tree(spans, span.spanContext().spanId);
      const exception = span.events.find((event) => event.name === 'exception');
      return {
        name: span.name,
        attributes,
        ...(exception && { error: String(exception.attributes?.['exception.message']) }),
        ...(children.length > 0 && { children }),
      };
    })
    .sort((a, b) =>
      a.name === b.name
        ? Number(a.attributes['baton.attempt']) - Number(b.attributes['baton.attempt'])
        : a.name.localeCompare(b.name),
    );
}

/** Waits (with a deadline) until `count` spans named `name` have ended. */
async function ended(exporter: InMemorySpanExporter, name: string, count = 1): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const spans = exporter.getFinishedSpans();
    if (spans.filter((span) => span.name === name).length >= count || Date.now() > deadline) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const step = (name: string, status: string, extra: Partial<Node> = {}, attempt = 1): Node => ({
  name: `baton.step ${name}`,
  attributes: {
    'baton.workflow': 'traced-ticket',
    'baton.step': name,
    'baton.attempt': attempt,
    'baton.status': status,
  },
  ...extra,
});

/** The tree both transports record for a billing ticket (children sorted by name, then attempt). */
const TICKET_TREE: Node = {
  name: 'baton.run traced-ticket',
  attributes: { 'baton.workflow': 'traced-ticket', 'baton.status': 'succeeded' },
  children: [
    {
      name: 'baton.run traced-child',
      attributes: { 'baton.workflow': 'traced-child', 'baton.status': 'succeeded' },
      children: [
        {
          name: 'baton.step search',
          attributes: {
            'baton.workflow': 'traced-child',
            'baton.step': 'search',
            'baton.attempt': 1,
            'baton.status': 'succeeded',
          },
        },
      ],
    },
    step('accountLookup', 'retrying', { error: 'CRM unreachable' }, 1),
    step('accountLookup', 'recovered', { error: 'CRM unreachable' }, 2),
    step('billingAgent', 'succeeded'),
    step('classify', 'succeeded'),
    step('draft', 'succeeded'),
    step('kbSearch', 'succeeded'),
    step('route', 'succeeded'),
  ],
};

describe.each(transports)('OpenTelemetry spans on %s', (_name, start) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  describe('with a registered provider', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    beforeAll(() => {
      context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      trace.setGlobalTracerProvider(provider);
    });
    afterAll(() => {
      trace.disable();
      context.disable();
    });
    afterEach(() => exporter.reset());

    it('records a run span with a step span per attempt, under the caller’s span', async () => {
      app = await start();
      const caller = trace.getTracer('test').startSpan('caller');
      const handle = await context.with(trace.setSpan(context.active(), caller), () =>
        app!.client.start('traced-ticket', { kind: 'billing' }),
      );
      await expect(handle.result()).resolves.toBe('reply');
      caller.end();
      const spans = await ended(exporter, 'baton.run traced-ticket');
      const run = spans.find((span) => span.name === 'baton.run traced-ticket')!;
      const child = spans.find((span) => span.name === 'baton.run traced-child')!;
      expect(run.attributes['baton.run_id']).toBe(handle.runId);
      expect(child.attributes['baton.parent_run_id']).toBe(handle.runId);
      expect(child.links.map((link) => link.context.spanId)).toEqual([run.spanContext().spanId]);
      expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);

      expect(tree(spans, undefined)).toEqual([{ name: 'caller', attributes: {}, children: [TICKET_TREE] }]);
    });

    it('ends the run span and its running step span when the run is cancelled', async () => {
      app = await start();
      const handle = await app.client.start('traced-slow', {});
      const deadline = Date.now() + 5_000;
      while ((await app.client.getRun(handle.runId)).steps.wait.status !== 'running' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await app.client.cancel(handle.runId);
      await expect(handle.result()).rejects.toThrow();
      const spans = await ended(exporter, 'baton.run traced-slow');
      const run = spans.find((span) => span.name === 'baton.run traced-slow')!;
      expect(run.attributes['baton.status']).toBe('cancelled');
      const wait = await ended(exporter, 'baton.step wait');
      expect(wait.find((span) => span.name === 'baton.step wait')?.parentSpanContext?.spanId).toBe(
        run.spanContext().spanId,
      );
    });
  });

  it('records nothing and runs as before when no provider is registered', async () => {
    app = await start();
    const handle = await app.client.start('traced-ticket', { kind: 'bug' });
    await expect(handle.result()).resolves.toBe('reply');
    const snapshot = await app.client.getRun(handle.runId);
    expect(snapshot).not.toHaveProperty('traceparent');
    expect(trace.getTracer('@baton/runtime').startSpan('probe').isRecording()).toBe(false);
  });
});

describe('OpenTelemetry spans across bull processes', () => {
  const exporter = new InMemorySpanExporter();
  const apps: App[] = [];
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
  });
  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close();
    trace.disable();
    context.disable();
  });

  it('parents a worker’s step spans on the run span started by an API process (through its traceparent)', async () => {
    // Two transports, each with its own tracer: the API holds the run span, the worker only its traceparent.
    const api = await startBullApp(inject('redisUrl'), TRACED_WORKFLOWS, { worker: false });
    apps.push(api, await startBullApp(inject('redisUrl'), TRACED_WORKFLOWS, { prefix: api.prefix }));
    const caller = trace.getTracer('test').startSpan('caller');
    const handle = await context.with(trace.setSpan(context.active(), caller), () =>
      api.client.start('traced-ticket', { kind: 'billing' }),
    );
    await expect(handle.result()).resolves.toBe('reply');
    caller.end();
    const spans = await ended(exporter, 'baton.run traced-ticket');
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(tree(spans, undefined)).toEqual([{ name: 'caller', attributes: {}, children: [TICKET_TREE] }]);
  });
});
