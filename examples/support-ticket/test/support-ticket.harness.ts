import { recordTrace } from '@baton/runtime/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { BatonClient, type RunSnapshot, type TraceEvent } from '@baton/runtime';
import { vi } from 'vitest';
import type { Reply } from '../src/agents/ticket.types.js';
import { CrmService } from '../src/services/crm.service.js';
import { KnowledgeBaseService } from '../src/services/knowledge-base.service.js';
import { AppModule } from '../src/support-ticket.module.js';

/** The reply drafted for `SAMPLE_TICKETS.largeRefund`: what is sent once a supervisor approves it. */
export const LARGE_REFUND_DRAFT: Reply = {
  to: 'ada@acme.example',
  subject: 'Re: Refund for the annual plan',
  body: 'Hi Ada (enterprise plan), Customer asks for money back. These articles may help: How refunds work; Changing your plan.',
  agent: 'billing',
  articles: ['How refunds work', 'Changing your plan'],
};

/** Fakes that replace the example's services in the real `AppModule`. */
export interface ServiceFakes {
  crm?: Pick<CrmService, 'lookup'>;
  kb?: {
    search: (
      text: string,
    ) => ReturnType<KnowledgeBaseService['search']> | Promise<ReturnType<KnowledgeBaseService['search']>>;
  };
}

/** The booted example app, with every trace event recorded from before the first run started. */
export interface BootedApp {
  readonly module: TestingModule;
  readonly client: BatonClient;
  /** Trace events of every run, in publication order. */
  readonly trace: TraceEvent[];
  /** The trace of one run. */
  traceOf(runId: string): TraceEvent[];
  /** The trace of one run as the run store kept it. */
  storedTraceOf(runId: string): Promise<TraceEvent[]>;
  close(): Promise<void>;
}

/** Boots the real `AppModule` through Nest DI (optionally with fake services) and starts recording the trace. */
export async function bootApp(fakes: ServiceFakes = {}): Promise<BootedApp> {
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (fakes.crm) builder = builder.overrideProvider(CrmService).useValue(fakes.crm);
  if (fakes.kb) builder = builder.overrideProvider(KnowledgeBaseService).useValue(fakes.kb);
  const module = await builder.compile();
  await module.init();
  const client = module.get(BatonClient);
  const trace = recordTrace(client);
  return {
    module,
    client,
    trace: trace.events,
    traceOf: trace.of,
    storedTraceOf: (runId) => client.trace(runId),
    async close() {
      trace.stop();
      await module.close();
    },
  };
}

/**
 * Under Vitest fake timers: advances fake time in small steps until every run has ended, and returns
 * their snapshots. Fails (instead of hanging) once `budgetMs` of fake time has passed.
 */
export async function driveUntilSettled(
  client: BatonClient,
  runIds: readonly string[],
  budgetMs = 30_000,
): Promise<RunSnapshot[]> {
  let runs: RunSnapshot[] = [];
  const open = () => runs.filter((run) => run.status === 'running').map((run) => run.runId);
  const settled = async () => {
    runs = await Promise.all(runIds.map((id) => client.getRun(id)));
    return open().length === 0;
  };
  await driveUntil(settled, budgetMs, () => `runs still running: ${open().join(', ')}`);
  return runs;
}

/**
 * Under Vitest fake timers: advances fake time in small steps until `probe` resolves true. Fails (instead of
 * hanging) once `budgetMs` of fake time has passed, saying what it waited for.
 */
export async function driveUntil(
  probe: () => Promise<boolean>,
  budgetMs = 30_000,
  what: () => string = () => 'the condition is still false',
): Promise<void> {
  const deadline = Date.now() + budgetMs;
  while (!(await probe())) {
    if (Date.now() >= deadline) throw new Error(`after ${budgetMs} ms of fake time, ${what()}`);
    await vi.advanceTimersByTimeAsync(50);
  }
}

/** A run without what legitimately differs between two runs of one input: its id and its times. */
export function projectRun(run: RunSnapshot): unknown {
  const { runId: _runId, startedAt: _startedAt, endedAt: _endedAt, ...rest } = run;
  const steps = Object.values(run.steps).map(({ startedAt: _s, endedAt: _e, ...step }) => step);
  return { ...rest, steps };
}

/** Each step's status by name. */
export function statuses(run: RunSnapshot): Record<string, string> {
  return Object.fromEntries(Object.values(run.steps).map((step) => [step.name, step.status]));
}

/**
 * A meeting point for concurrent callers: `arrive(name)` resolves once every expected name has arrived,
 * and rejects after `deadlineMs` if they have not (so serialised callers fail the test instead of hanging).
 */
export function rendezvous(expected: readonly string[], deadlineMs: number) {
  const arrived: string[] = [];
  const waitedInVain: string[] = [];
  let releaseAll!: () => void;
  const everyoneHere = new Promise<void>((resolve) => (releaseAll = resolve));
  return {
    /** Names in order of arrival. */
    arrived,
    /** Names whose wait hit the deadline. */
    waitedInVain,
    async arrive(name: string): Promise<void> {
      arrived.push(name);
      if (expected.every((n) => arrived.includes(n))) releaseAll();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          waitedInVain.push(name);
          reject(
            new Error(
              `${name} waited ${deadlineMs} ms, but only [${arrived.join(', ')}] had started: the steps do not overlap`,
            ),
          );
        }, deadlineMs);
      });
      try {
        await Promise.race([everyoneHere, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
