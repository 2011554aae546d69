import { RunNotFoundError } from '@baton/sdk';
import type { RunState } from '../../coordinator/run-state.js';
import { settled } from '../run-outcome.js';

interface Waiter {
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * The `result()` promises of this process, settled when a run-ending event arrives on the events channel,
 * and never left hanging: every waiting run is checked again after a reconnect (an event may have been
 * published while this process was away) and on an interval; a run that is gone (expired, or lost with
 * Redis's data) rejects with a {@link RunNotFoundError}.
 */
export class RunWaiters {
  private readonly waiters = new Map<string, Waiter[]>();
  private timer?: ReturnType<typeof setInterval>;
  private checking = false;

  constructor(
    private readonly read: (runId: string) => Promise<RunState | undefined>,
    private readonly checkIntervalMs: number,
  ) {}

  /** Waits for a run's outcome: resolves with its output, rejects with its error. */
  async wait(runId: string): Promise<unknown> {
    const outcome = new Promise<unknown>((resolve, reject) => {
      const list = this.waiters.get(runId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(runId, list);
    });
    // Another check (the interval, a reconnect, a publication) may settle it while ours still reads Redis:
    // a rejection must not count as unhandled before we return it.
    outcome.catch(() => undefined);
    this.ensureTimer();
    await this.check(runId);
    return outcome;
  }

  /** Whether anyone in this process waits for this run. */
  has(runId: string): boolean {
    return this.waiters.has(runId);
  }

  /** How many runs are waited for. */
  get size(): number {
    return this.waiters.size;
  }

  /** Reads the run and settles its waiters if it has ended or is gone. */
  async check(runId: string): Promise<void> {
    if (!this.waiters.has(runId)) return;
    let state: RunState | undefined;
    try {
      state = await this.read(runId);
    } catch {
      return; // Redis is away: the next check (after the reconnect, or on the interval) settles it
    }
    if (!state) this.settle(runId, () => Promise.reject(new RunNotFoundError(runId)));
    else if (state.status !== 'running') this.settle(runId, () => settled(state));
  }

  /** Checks every waiting run (after a reconnect, and on the interval). */
  async checkAll(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await Promise.all([...this.waiters.keys()].map((runId) => this.check(runId)));
    } finally {
      this.checking = false;
    }
  }

  /** Stops the interval. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Settles a run's waiters with `outcome()` (made only when someone still waits: a rejection is never left unhandled). */
  private settle(runId: string, outcome: () => Promise<unknown>): void {
    const waiters = this.waiters.get(runId);
    if (!waiters) return;
    this.waiters.delete(runId);
    const result = outcome();
    result.catch(() => undefined);
    for (const waiter of waiters) result.then(waiter.resolve, waiter.reject);
    if (this.waiters.size === 0) this.close();
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.checkAll(), this.checkIntervalMs);
    this.timer.unref();
  }
}
