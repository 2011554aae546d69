import { Injectable } from '@nestjs/common';
import { filter, Observable, Subject } from 'rxjs';
import { boundedProgress, PROGRESS_TAIL, type ProgressEvent } from './progress-event.js';
import type { TraceEvent } from './trace-event.js';

/** Runs whose progress tail is kept (the oldest is dropped beyond this). */
const TAILED_RUNS = 1_000;

/** Fans trace events out to every subscriber in this process (`BatonClient.events()`, the dashboard). */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<TraceEvent>();
  private readonly firstObserver: Array<() => void> = [];
  private readonly progressSubject = new Subject<ProgressEvent>();
  /** The last {@link PROGRESS_TAIL} progress events of recent runs, for followers who subscribe late. */
  private readonly tails = new Map<string, ProgressEvent[]>();

  /** Publishes events in order. */
  publish(events: readonly TraceEvent[]): void {
    if (!this.subject.observed) return;
    for (const event of events) this.subject.next(event);
  }

  /** Whether anyone is subscribed (so producers can skip work nobody would see). */
  get observed(): boolean {
    return this.subject.observed;
  }

  /**
   * Runs `callback` once, when the first subscriber subscribes (at once if one already has): a transport
   * that receives events from elsewhere starts listening only when someone in this process listens.
   */
  whenObserved(callback: () => void): void {
    if (this.subject.observed) callback();
    else this.firstObserver.push(callback);
  }

  /** Live events of every run, or of one run. */
  events(runId?: string): Observable<TraceEvent> {
    const all = new Observable<TraceEvent>((subscriber) => {
      for (const callback of this.firstObserver.splice(0)) callback();
      return this.subject.subscribe(subscriber);
    });
    return runId === undefined ? all : all.pipe(filter((event) => event.runId === runId));
  }

  /** Passes on a step's progress (bounded in size) and keeps it in its run's short tail. */
  progress(event: ProgressEvent): void {
    const bounded = boundedProgress(event);
    let tail = this.tails.get(bounded.runId);
    if (!tail) {
      if (this.tails.size >= TAILED_RUNS) this.tails.delete(this.tails.keys().next().value!);
      this.tails.set(bounded.runId, (tail = []));
    }
    tail.push(bounded);
    if (tail.length > PROGRESS_TAIL) tail.shift();
    this.progressSubject.next(bounded);
  }

  /** Progress of one run: its recent tail first, then live; or of every run, live. */
  progressOf(runId?: string): Observable<ProgressEvent> {
    if (runId === undefined) return this.progressSubject.asObservable();
    return new Observable<ProgressEvent>((subscriber) => {
      for (const event of this.tails.get(runId) ?? []) subscriber.next(event);
      return this.progressSubject.pipe(filter((event) => event.runId === runId)).subscribe(subscriber);
    });
  }

  /** Forgets a run's progress tail (its run ended). */
  forgetProgress(runId: string): void {
    this.tails.delete(runId);
  }

  /** Completes every subscription (on shutdown). */
  close(): void {
    this.subject.complete();
    this.progressSubject.complete();
  }
}
