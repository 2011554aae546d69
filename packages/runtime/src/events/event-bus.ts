import { Injectable } from '@nestjs/common';
import { filter, Observable, Subject } from 'rxjs';
import type { TraceEvent } from './trace-event.js';

/** Fans trace events out to every subscriber in this process (`BatonClient.events()`, the dashboard). */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<TraceEvent>();
  private readonly firstObserver: Array<() => void> = [];

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

  /** Completes every subscription (on shutdown). */
  close(): void {
    this.subject.complete();
  }
}
