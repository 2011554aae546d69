import { useCallback, useEffect, useRef, useState } from 'react';
import type { RunEvents, RunSubscription } from '../../../src/protocol.js';
import { api } from './api.js';
import {
  appendEvents,
  applySubscription,
  emptyStream,
  withSnapshot,
  type Applied,
  type RunStream,
} from './run-stream.js';
import { getSocket, isErrorReply } from './socket.js';

const ENDS = new Set(['run.succeeded', 'run.failed', 'run.cancelled']);
/** How long to wait for the socket before showing the run from the REST API. */
const REST_FALLBACK_MS = 1500;

/**
 * Follows one run over the socket: subscribes on every (re)connection, resuming after the last seq
 * held; applies each `run:events` batch in one state update; re-subscribes with `afterSeq` when a seq
 * is missing; replaces everything on `run:snapshot`. Once the run ends, the snapshot is re-read over
 * REST for the full-size outputs (trace payloads may be cut).
 */
export function useRunStream(runId: string): { stream: RunStream; error?: string } {
  const [stream, setStream] = useState<RunStream>(() => emptyStream(runId));
  const [error, setError] = useState<string>();
  const ref = useRef(stream);
  const resyncing = useRef(false);

  const commit = useCallback((next: RunStream) => {
    ref.current = next;
    setStream(next);
  }, []);

  useEffect(() => {
    const socket = getSocket();
    let live = true;
    ref.current = emptyStream(runId);
    setStream(ref.current);
    setError(undefined);

    const refreshSnapshot = (): void => {
      api.run(runId).then(
        (snapshot) => live && commit(withSnapshot(ref.current, snapshot)),
        () => undefined,
      );
    };
    const settle = ({ stream: next, gap }: Applied, batch: readonly { type: string }[]): void => {
      if (!live) return;
      if (next !== ref.current) commit(next);
      if (batch.some((e) => ENDS.has(e.type))) refreshSnapshot();
      if (gap) subscribe(true);
    };
    const subscribe = (resume: boolean): void => {
      if (!socket.connected || (resume && resyncing.current)) return;
      const afterSeq = resume || ref.current.snapshot ? ref.current.lastSeq : undefined;
      resyncing.current = true;
      socket.emit('subscribe:run', { runId, ...(afterSeq !== undefined && { afterSeq }) }, (reply) => {
        resyncing.current = false;
        if (!live) return;
        if (isErrorReply(reply)) {
          if (!ref.current.snapshot) setError(reply.error.message);
          return;
        }
        setError(undefined);
        settle(applySubscription(ref.current, reply), reply.events);
      });
    };
    const onConnect = (): void => subscribe(false);
    const onEvents = (batch: RunEvents): void => {
      if (batch.runId !== runId || !ref.current.snapshot) return;
      settle(appendEvents(ref.current, batch.events), batch.events);
    };
    const onSnapshot = (subscription: RunSubscription): void => {
      if (subscription.runId === runId) settle(applySubscription(ref.current, subscription), subscription.events);
    };

    socket.on('connect', onConnect);
    socket.on('run:events', onEvents);
    socket.on('run:snapshot', onSnapshot);
    if (socket.connected) subscribe(false);
    // Without a socket (yet), show the run from the REST API; the socket resumes from its last seq.
    const fallback = setTimeout(() => {
      if (ref.current.snapshot) return;
      Promise.all([api.run(runId), api.events(runId)]).then(
        ([snapshot, events]) => {
          if (live && !ref.current.snapshot) settle(applySubscription(ref.current, { runId, snapshot, events }), []);
        },
        (failure: unknown) => live && !ref.current.snapshot && setError((failure as Error).message),
      );
    }, REST_FALLBACK_MS);

    return () => {
      live = false;
      resyncing.current = false;
      clearTimeout(fallback);
      socket.off('connect', onConnect);
      socket.off('run:events', onEvents);
      socket.off('run:snapshot', onSnapshot);
      if (socket.connected) socket.emit('unsubscribe:run', { runId });
    };
  }, [runId, commit]);

  return { stream: stream.runId === runId ? stream : emptyStream(runId), ...(error !== undefined && { error }) };
}
