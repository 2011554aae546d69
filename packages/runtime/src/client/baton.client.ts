import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { RunNotFoundError, validateInput, type Type } from '@baton/sdk';
import { WorkflowRegistry } from '../discovery/workflow.registry.js';
import type { RegisteredWorkflow } from '../discovery/registered-workflow.js';
import type { TraceEvent } from '../events/trace-event.js';
import type { RunPage, RunQuery } from '../store/run-store.js';
import type { RunSnapshot, StepSnapshot } from '../coordinator/run-snapshot.js';
import type { ResolvedBatonOptions } from '../options/baton-options.js';
import { BATON_OPTIONS, BATON_TRANSPORT } from '../tokens.js';
import type { Transport } from '../transports/transport.js';
import { instanceToPlain } from 'class-transformer';
import { inputFingerprint } from './input-fingerprint.js';
import { checkInput } from './check-input.js';
import { rerunPlan } from './rerun-plan.js';
import type { RerunOptions, RunHandle, StartOptions } from './run-handle.js';
import { toSnapshot } from './to-snapshot.js';
import { sendSignal } from './send-signal.js';
import type { SignalTarget } from './signal-target.js';
import type { ProgressEvent } from '../events/progress-event.js';
import { validateRunQuery } from './validate-run-query.js';

/**
 * Starts, awaits, inspects and cancels runs. Inject it anywhere in a Nest app that imports `BatonModule`.
 *
 * @example
 * const output = await client.execute('support-ticket', { subject: 'Refund', body: '...', customerEmail: 'a@b.co' });
 */
@Injectable()
export class BatonClient {
  /** @internal Nest creates the client; inject it (`app.get(BatonClient)`) rather than constructing it. */
  constructor(
    private readonly registry: WorkflowRegistry,
    @Inject(BATON_TRANSPORT) private readonly transport: Transport,
    @Inject(BATON_OPTIONS) private readonly options: ResolvedBatonOptions,
  ) {
    transport.setChildRunner(async (parent, workflow, input, signal, onStarted, onSpent) => {
      const handle = await this.launch(workflow, input, { parentRunId: parent.runId });
      onStarted?.({ runId: handle.runId, workflow: this.registry.get(workflow).name });
      const onAbort = (): void =>
        void this.transport.cancel(handle.runId, `its parent run ${parent.runId} ended`).catch(() => undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await handle.result();
      } finally {
        signal.removeEventListener('abort', onAbort);
        // What the child spent counts against its parent's budget.
        const usage = onSpent && (await this.transport.store.get(handle.runId).catch(() => undefined))?.usage;
        if (usage) onSpent(usage);
      }
    });
  }

  /**
   * Validates the input against the workflow's input class and starts a run.
   *
   * @throws UnknownWorkflowError listing the registered names
   * @throws InputValidationError with every failed constraint; no run is created
   * @throws InputTooDeepError or PayloadTooLargeError when the input is over `maxInputDepth` / `maxInputBytes`
   * @throws IdempotencyConflictError when `idempotencyKey` already started a run with another input
   */
  start<O = unknown>(workflow: string | Type, input: unknown, options: StartOptions = {}): Promise<RunHandle<O>> {
    return this.launch<O>(
      workflow,
      input,
      options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey },
    );
  }

  /**
   * Starts a run and waits for its output.
   *
   * @throws the errors of {@link BatonClient.start}, then StepFailedError, WorkflowTimeoutError or RunCancelledError
   */
  async execute<O = unknown>(workflow: string | Type, input: unknown, options: StartOptions = {}): Promise<O> {
    return (await this.start<O>(workflow, input, options)).result();
  }

  /**
   * The current state of a run.
   *
   * @throws RunNotFoundError when no run has this id (or retention dropped it)
   */
  async getRun(runId: string): Promise<RunSnapshot> {
    const state = await this.transport.store.get(runId);
    if (!state) throw new RunNotFoundError(runId);
    return toSnapshot(state);
  }

  /**
   * Runs newest first, filtered by workflow and status, paged with `limit` (default 50) and `cursor`.
   *
   * @throws InvalidRunOperationError for an unknown status, a limit outside 1..1000 or a foreign cursor
   */
  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    validateRunQuery(query);
    return this.transport.store.list(query);
  }

  /**
   * Cancels a running run: running steps are aborted through `ctx.signal`, pending ones never start.
   * Resolves false when the run had already ended.
   *
   * @throws RunNotFoundError when no run has this id
   */
  cancel(runId: string, reason?: string): Promise<boolean> {
    return this.transport.cancel(runId, reason);
  }

  /**
   * Starts a new run with the same input, linked by `rerunOf`: `fromStep` (default: the first failed step)
   * and its descendants run again, every other step keeps its recorded state and output.
   *
   * @throws RunNotFoundError, or InvalidRunOperationError when there is nothing to rerun from
   */
  async rerun<O = unknown>(runId: string, options: RerunOptions = {}): Promise<RunHandle<O>> {
    const state = await this.transport.store.get(runId);
    if (!state) throw new RunNotFoundError(runId);
    const workflow = this.registry.get(state.workflow);
    const reuse = rerunPlan(workflow.graph, state, options.fromStep);
    return this.begin<O>(workflow, state.input, { rerunOf: runId, reuse });
  }

  /**
   * The recorded trace of a run: its events with `seq > afterSeq`, in order (empty for an unknown run).
   */
  trace(runId: string, afterSeq = 0): Promise<TraceEvent[]> {
    return this.transport.store.events(runId, afterSeq);
  }

  /** Live trace events of every run, or of one run. */
  events(runId?: string): Observable<TraceEvent> {
    return this.transport.events(runId);
  }

  /**
   * Sends a signal to a run: the first step waiting for `name` (`@WaitFor`) takes it and runs with
   * `ctx.received`; with none waiting yet, it is kept until one does (in arrival order). `target` is the
   * run's id or `{ workflow, idempotencyKey }`. Resolves with the run's id once the signal is recorded.
   *
   * @throws RunNotFoundError when there is no such run
   * @throws UnknownSignalError when no step of the workflow waits for `name` (listing those that do)
   * @throws RunNotRunningError when the run has ended
   * @throws InputValidationError when the payload fails its `@WaitFor({ payload })` class; nothing changes
   * @throws InputTooDeepError or PayloadTooLargeError when the payload is over the input limits
   */
  signal(target: SignalTarget, name: string, payload?: unknown): Promise<string> {
    const { registry, transport, options } = this;
    return sendSignal({ registry, transport, options }, target, name, payload);
  }

  /**
   * What running steps send with `ctx.progress(data)` (streamed tokens, percentages), of one run (its
   * recent tail first, then live) or of every run. Ephemeral: not part of the trace, not stored.
   */
  progress(runId?: string): Observable<ProgressEvent> {
    return this.transport.progress(runId);
  }

  /** The registered workflows (for dashboards and tooling). */
  workflows(): RegisteredWorkflow[] {
    return this.registry.all();
  }

  private async launch<O>(
    workflow: string | Type,
    input: unknown,
    options: { idempotencyKey?: string; parentRunId?: string },
  ): Promise<RunHandle<O>> {
    const registered = this.registry.get(workflow);
    // Before anything walks the input recursively (validation, fingerprint, transport).
    checkInput(input, this.options, { workflow: registered.name });
    const inputClass = registered.compiled.inputClass;
    const value = inputClass ? validateInput(inputClass, input, registered.name) : input;
    const { idempotencyKey, ...rest } = options;
    if (idempotencyKey === undefined) return this.begin<O>(registered, value, rest);
    const fingerprint = inputFingerprint(inputClass ? instanceToPlain(value) : value);
    return this.begin<O>(registered, value, { ...rest, idempotency: { key: idempotencyKey, fingerprint } });
  }

  private async begin<O>(
    workflow: RegisteredWorkflow,
    input: unknown,
    options: {
      idempotency?: { key: string; fingerprint: string };
      parentRunId?: string;
      rerunOf?: string;
      reuse?: Record<string, StepSnapshot>;
    },
  ): Promise<RunHandle<O>> {
    const runId = await this.transport.start({ workflow, runId: randomUUID(), input, ...options });
    return this.handle<O>(runId);
  }

  private handle<O>(runId: string): RunHandle<O> {
    return { runId, result: () => this.transport.result(runId) as Promise<O> };
  }
}
