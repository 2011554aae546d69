import { Injectable } from '@nestjs/common';
import { filter, Observable, Subject } from 'rxjs';
import type { TraceEvent } from './trace-event.js';

/** Fans trace events out to every subscriber in this process (`BatonClient.events()`, the dashboard). */
@Injectable()
export class EventBus {
  private readonly subject = new Subject<TraceEvent>();

  /** Publishes events in order. */
  publish(events: readonly TraceEvent[]): void {
    if (!this.subject.observed) return;
    for (const event of events) this.subject.next(event);
  }

  /** Whether anyone is subscribed (so producers can skip work nobody would see). */
  get observed(): boolean {
    return this.subject.observed;
  }

  /** Live events of every run, or of one run. */
  events(runId?: string): Observable<TraceEvent> {
    const all = this.subject.asObservable();
    return runId === undefined ? all : all.pipe(filter((event) => event.runId === runId));
  }

  /** Completes every subscription (on shutdown). */
  close(): void {
    this.subject.complete();
  }
}
