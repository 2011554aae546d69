import type { Observable } from 'rxjs';
import type { RegisteredWorkflow } from '../discovery/registered-workflow.js';
import type { ChildRunner } from '../execution/step-job.js';
import type { TraceEvent } from '../events/trace-event.js';
import type { RunStore } from '../store/run-store.js';
import type { ProgressEvent } from '../events/progress-event.js';
import type { TransportHealth } from '../health/transport-health.js';
import type { StepSnapshot } from '../coordinator/run-snapshot.js';

export type { ChildRunner };

/** Everything a transport needs to start a run whose input is already validated. */
export interface StartRequest {
  workflow: RegisteredWorkflow;
  runId: string;
  input: unknown;
  /** Starts at most one run per key and workflow; `fingerprint` is a digest of the input. */
  idempotency?: { key: string; fingerprint: string };
  parentRunId?: string;
  rerunOf?: string;
  /** Steps a rerun keeps with their recorded state and output. */
  reuse?: Record<string, StepSnapshot>;
}

/** Moves runs forward: the memory transport in this process, the bull transport across workers. */
export interface Transport {
  /** Where this transport keeps runs and traces. */
  readonly store: RunStore;
  /**
   * Starts a run; resolves with its id once it is recorded (not when it ends). With an idempotency key
   * that already names a run, starts nothing and resolves with that run's id.
   *
   * @throws IdempotencyConflictError when the key already named a run with another input
   */
  start(request: StartRequest): Promise<string>;
  /** Cancels a running run; resolves false if it was not running. */
  cancel(runId: string, reason?: string): Promise<boolean>;
  /**
   * Delivers a signal (already validated by the client) to a running run, in the same kind of commit as a
   * step's result, so a signal racing its wait's timeout has one winner. Resolves false if the run had
   * ended (nothing changed).
   *
   * @throws RunNotFoundError when there is no such run
   */
  signal(runId: string, name: string, payload: unknown): Promise<boolean>;
  /** Resolves with the run's output once it succeeds; rejects with its error if it fails or is cancelled. */
  result(runId: string): Promise<unknown>;
  /** Live trace events of every run, or of one. */
  events(runId?: string): Observable<TraceEvent>;
  /** Steps' `ctx.progress` of every run, or of one (its recent tail first): ephemeral, never stored. */
  progress(runId?: string): Observable<ProgressEvent>;
  /** Whether it can move runs now, and the facts behind the answer (for health checks). */
  health(): Promise<TransportHealth>;
  /** Installs how child runs are started. */
  setChildRunner(runner: ChildRunner): void;
}
