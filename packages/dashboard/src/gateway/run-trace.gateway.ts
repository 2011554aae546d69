import { performance } from 'node:perf_hooks';
import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import { BatonClient, type TraceEvent } from '@baton/runtime';
import { isAuthorized, serializeRunError } from '@baton/runtime/internal';
import { DASHBOARD_OPTIONS } from '../dashboard-tokens.js';
import type { ResolvedDashboardOptions } from '../dashboard-options.js';
import {
  DASHBOARD_NAMESPACE,
  FLUSH_INTERVAL_MS,
  type ErrorReply,
  type RunsSnapshot,
  type RunSubscription,
  type SendSignalRequest,
  type SignalSent,
  type SubscribeProgressRequest,
  type SubscribeRunRequest,
  type SubscribeRunsRequest,
  type WorkflowInfo,
} from '../protocol.js';
import { ClientChannel } from './client-channel.js';
import { applyToRunList, toRunListFilter } from './run-list-filter.js';
import { RunSummaries } from './run-summaries.js';
import { WorkflowCatalog } from './workflow-catalog.js';

/** A client whose transport buffer holds more packets than this is skipped until it catches up. */
const SLOW_CLIENT_PACKETS = 64;

/**
 * The socket.io gateway of the dashboard (namespace `/baton`): serves snapshots on subscription, then
 * streams live trace events, batched under load (at most one flush per {@link FLUSH_INTERVAL_MS} ms). A slow client never
 * slows the runtime or other clients: its buffer is bounded, and past the bound it gets a fresh snapshot.
 */
@WebSocketGateway({ namespace: DASHBOARD_NAMESPACE })
export class RunTraceGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly channels = new Map<string, ClientChannel>();
  private readonly followers = new Map<string, Set<ClientChannel>>();
  private readonly summaries = new RunSummaries();
  private readonly catalog: WorkflowCatalog;
  private subscription?: Subscription;
  private timer?: ReturnType<typeof setTimeout>;
  private immediate?: ReturnType<typeof setImmediate>;
  /** Flushes run-list updates held back by their own interval (`RUNS_UPDATE_INTERVAL_MS`). */
  private runsTimer?: ReturnType<typeof setTimeout>;
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly client: BatonClient,
    @Inject(DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {
    this.catalog = new WorkflowCatalog(client, options.samples);
  }

  /** Refuses sockets without the token (when one is set) and starts following the runtime's trace events. */
  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const { headers, query, auth } = socket.handshake;
      if (isAuthorized(this.options.token, { headers, query: query, auth })) next();
      else next(new Error('unauthorized: this Baton dashboard requires a token'));
    });
    this.subscription = this.client.events().subscribe((event) => this.route(event));
  }

  /**
   * When idle, flushes right after the current task (so a run's burst of events leaves in one batch); under
   * load, at most once per {@link FLUSH_INTERVAL_MS}.
   */
  private scheduleFlush(): void {
    if (this.timer !== undefined || this.immediate !== undefined) return;
    const wait = this.lastFlush + FLUSH_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this.immediate = setImmediate(() => this.flushNow());
      this.immediate.unref();
    } else {
      this.timer = setTimeout(() => this.flushNow(), wait);
      this.timer.unref();
    }
  }

  private flushNow(): void {
    this.timer = undefined;
    this.immediate = undefined;
    this.lastFlush = performance.now();
    this.flush();
  }

  /** Opens the channel of a newly connected client. */
  handleConnection(socket: Socket): void {
    this.channels.set(socket.id, new ClientChannel(socket));
  }

  /** Drops a departed client's channel, with its run and progress follows. */
  handleDisconnect(socket: Socket): void {
    const channel = this.channels.get(socket.id);
    if (!channel) return;
    for (const runId of channel.follows.keys()) this.unfollow(channel, runId);
    channel.close();
    this.channels.delete(socket.id);
  }

  /** Stops following the runtime's trace events and clears pending flush timers. */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    if (this.runsTimer) clearTimeout(this.runsTimer);
  }

  /** Every registered workflow, with its graph, samples and signal schemas. */
  @SubscribeMessage('workflows')
  workflows(): WorkflowInfo[] {
    return this.catalog.list();
  }

  /** Sends a signal to a run (`client.signal`); the ack is its id, or the error with any `violations`. */
  @SubscribeMessage('signal:send')
  async sendSignal(@MessageBody() request: SendSignalRequest): Promise<SignalSent | ErrorReply> {
    if (typeof request?.runId !== 'string' || typeof request.signal !== 'string')
      return { error: { name: 'BadRequest', message: 'signal:send needs { runId, signal, payload? }.' } };
    try {
      return { runId: await this.client.signal(request.runId, request.signal, request.payload) };
    } catch (error) {
      return { error: serializeRunError(error) };
    }
  }

  /** Forwards a run's step progress (`client.progress`: its recent tail, then live) as `run:progress`. */
  @SubscribeMessage('subscribe:progress')
  subscribeProgress(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: SubscribeProgressRequest,
  ): { ok: true } | ErrorReply {
    const runId = request?.runId;
    if (typeof runId !== 'string')
      return { error: { name: 'BadRequest', message: 'subscribe:progress needs { runId }.' } };
    this.channels.get(socket.id)!.followProgress(runId, this.client.progress(runId), () => this.scheduleFlush());
    return { ok: true };
  }

  /** Stops forwarding a run's progress to this client. */
  @SubscribeMessage('unsubscribe:progress')
  unsubscribeProgress(@ConnectedSocket() socket: Socket, @MessageBody() request: { runId?: string }): void {
    if (typeof request?.runId === 'string') this.channels.get(socket.id)?.unfollowProgress(request.runId);
  }

  /**
   * Acks one page of runs. On page one (no `cursor`), the client then gets `runs:update` messages for its
   * filters, replacing any earlier run-list subscription; a page with a `cursor` ends them.
   */
  @SubscribeMessage('subscribe:runs')
  async subscribeRuns(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: SubscribeRunsRequest = {},
  ): Promise<RunsSnapshot | ErrorReply> {
    const channel = this.channels.get(socket.id)!;
    try {
      const page = await this.client.listRuns(request);
      channel.runUpdates.clear();
      if (request.cursor === undefined) channel.runs = toRunListFilter(request, page.total);
      else delete channel.runs;
      return page;
    } catch (error) {
      return { error: serializeRunError(error) };
    }
  }

  /** Stops the client's `runs:update` messages. */
  @SubscribeMessage('unsubscribe:runs')
  unsubscribeRuns(@ConnectedSocket() socket: Socket): void {
    const channel = this.channels.get(socket.id);
    if (channel) delete channel.runs;
  }

  /**
   * Follows one run: acks the events after `afterSeq` when all of them can be served, else its snapshot,
   * graph and whole trace; its new events then follow as `run:events`.
   */
  @SubscribeMessage('subscribe:run')
  async subscribeRun(
    @ConnectedSocket() socket: Socket,
    @MessageBody() request: SubscribeRunRequest,
  ): Promise<RunSubscription | ErrorReply> {
    const channel = this.channels.get(socket.id)!;
    const runId = request?.runId;
    if (typeof runId !== 'string') return { error: { name: 'BadRequest', message: 'subscribe:run needs { runId }.' } };
    const follow = { lastSeq: 0, ready: false, buffer: [] as TraceEvent[] };
    channel.follows.set(runId, follow);
    let followers = this.followers.get(runId);
    if (!followers) this.followers.set(runId, (followers = new Set()));
    followers.add(channel);
    try {
      const afterSeq = request.afterSeq;
      if (typeof afterSeq === 'number' && afterSeq >= 0) {
        const missed = await this.client.trace(runId, afterSeq);
        if (missed.length === 0 ? afterSeq > 0 : missed[0].seq === afterSeq + 1) {
          follow.lastSeq = missed.at(-1)?.seq ?? afterSeq;
          follow.ready = true;
          return { runId, events: missed };
        }
      }
      return await this.snapshot(runId, follow);
    } catch (error) {
      this.unfollow(channel, runId);
      return { error: serializeRunError(error) };
    }
  }

  /** Stops sending this run's events to the client. */
  @SubscribeMessage('unsubscribe:run')
  unsubscribeRun(@ConnectedSocket() socket: Socket, @MessageBody() request: { runId?: string }): void {
    const channel = this.channels.get(socket.id);
    if (channel && typeof request?.runId === 'string') this.unfollow(channel, request.runId);
  }

  /** Sends the client every run's live events as `trace:events` (no snapshot). */
  @SubscribeMessage('subscribe:trace')
  subscribeTrace(@ConnectedSocket() socket: Socket): { ok: true } {
    this.channels.get(socket.id)!.trace = true;
    return { ok: true };
  }

  /** Stops the client's `trace:events` and drops the events buffered for it. */
  @SubscribeMessage('unsubscribe:trace')
  unsubscribeTrace(@ConnectedSocket() socket: Socket): void {
    const channel = this.channels.get(socket.id);
    if (channel) {
      channel.trace = false;
      channel.traceBuffer = [];
    }
  }

  /** Reads a run's snapshot and whole trace; events arriving meanwhile stay buffered and are deduplicated by seq. */
  private async snapshot(runId: string, follow: { lastSeq: number; ready: boolean }): Promise<RunSubscription> {
    follow.ready = false;
    const snapshot = await this.client.getRun(runId);
    const events = await this.client.trace(runId);
    const workflow = this.catalog.get(snapshot.workflow);
    follow.lastSeq = events.at(-1)?.seq ?? 0;
    follow.ready = true;
    return {
      runId,
      snapshot,
      events,
      ...(workflow && { graph: workflow.graph }),
      ...(workflow?.signals && { signals: workflow.signals }),
    };
  }

  private unfollow(channel: ClientChannel, runId: string): void {
    channel.follows.delete(runId);
    channel.resync.delete(runId);
    const followers = this.followers.get(runId);
    followers?.delete(channel);
    if (followers?.size === 0) this.followers.delete(runId);
  }

  /** Buffers one live event for every client interested in it. */
  private route(event: TraceEvent): void {
    const change = this.summaries.applyChange(event);
    for (const channel of this.channels.values()) {
      let added = 0;
      if (channel.trace) {
        channel.traceBuffer.push(event);
        added++;
      }
      if (change && channel.runs) {
        const total = channel.runs.total;
        if (applyToRunList(channel.runs, change)) channel.runUpdates.set(change.summary.runId, change.summary);
        if (channel.runs.total !== total) channel.runsTotalChanged = true;
      }
      channel.buffered += added;
    }
    for (const channel of this.followers.get(event.runId) ?? []) {
      channel.follows.get(event.runId)?.buffer.push(event);
      channel.buffered++;
    }
    for (const channel of this.channels.values())
      if (channel.buffered > this.options.maxBufferedEvents) channel.overflow();
    this.scheduleFlush();
  }

  /** Sends every client its batch, skipping clients whose transport is still busy with earlier ones. */
  private flush(): void {
    const now = performance.now();
    let held = Number.POSITIVE_INFINITY;
    for (const channel of this.channels.values()) {
      if (channel.backlog > SLOW_CLIENT_PACKETS) {
        this.scheduleFlush();
        continue;
      }
      const due = channel.send(now);
      if (due > 0) held = Math.min(held, due);
      for (const runId of [...channel.resync]) {
        channel.resync.delete(runId);
        const follow = channel.follows.get(runId);
        if (!follow) continue;
        void this.snapshot(runId, follow).then(
          (subscription) => channel.socket.emit('run:snapshot', subscription),
          () => undefined,
        );
      }
    }
    if (held !== Number.POSITIVE_INFINITY && this.runsTimer === undefined) {
      this.runsTimer = setTimeout(() => {
        this.runsTimer = undefined;
        this.scheduleFlush();
      }, Math.ceil(held));
      this.runsTimer.unref();
    }
  }
}
