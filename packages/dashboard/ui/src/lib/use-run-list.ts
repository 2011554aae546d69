import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '@baton/runtime';
import type { RunsSnapshot, RunsUpdate } from '../../../src/protocol.js';
import { api } from './api.js';
import { applyRunsUpdate, type RunFilters } from './runs-page.js';
import { getSocket, isErrorReply } from './socket.js';

/** One page of the run list. */
export interface RunListState {
  rows: RunSummary[];
  nextCursor?: string;
  loading: boolean;
  error?: string;
  /** Whether the page receives live updates (page one over a connected socket). */
  live: boolean;
}

/** Wait before re-reading page one after live updates removed rows from it (it may then be short). */
const REFILL_MS = 1000;

/**
 * One page of runs. Page one (`cursor` undefined) is live: `subscribe:runs` with the filters on every
 * (re)connection, then `runs:update` upserts applied in one state update per message. Older pages are
 * read once over REST and are not live. Never holds more than `limit` rows.
 */
export function useRunList(filters: RunFilters, cursor: string | undefined, limit: number): RunListState {
  const [state, setState] = useState<RunListState>({ rows: [], loading: true, live: false });
  const { workflow, status } = filters;
  const nextCursor = useRef<string | undefined>(undefined);

  useEffect(() => {
    const socket = getSocket();
    let live = true;
    let refill: ReturnType<typeof setTimeout> | undefined;
    /** Set once the socket served page one: a slower REST answer must not replace it. */
    let servedLive = false;
    const query = { ...(workflow && { workflow }), ...(status && { status }), limit };
    setState((s) => ({ ...s, loading: true }));

    const show = (page: RunsSnapshot, isLive: boolean): void => {
      nextCursor.current = page.nextCursor;
      setState({
        rows: page.runs.slice(0, limit),
        ...(page.nextCursor && { nextCursor: page.nextCursor }),
        loading: false,
        live: isLive,
      });
    };
    const fail = (message: string): void => setState((s) => ({ ...s, loading: false, error: message }));
    const readOverRest = (isLive: boolean): void => {
      api.runs({ ...query, ...(cursor && { cursor }) }).then(
        (page) => live && !servedLive && show(page, isLive),
        (e: unknown) => live && !servedLive && fail((e as Error).message),
      );
    };

    if (cursor !== undefined) {
      if (socket.connected) socket.emit('unsubscribe:runs');
      readOverRest(false);
      return () => {
        live = false;
      };
    }

    const subscribe = (): void => {
      socket.emit('subscribe:runs', query, (reply) => {
        if (!live) return;
        if (isErrorReply(reply)) return fail(reply.error.message);
        servedLive = true;
        show(reply, true);
      });
    };
    const onUpdate = (update: RunsUpdate): void => {
      setState((s) => {
        const rows = applyRunsUpdate(
          s.rows,
          update.runs,
          { ...(workflow && { workflow }), ...(status && { status }) },
          limit,
        );
        if (
          rows.length < s.rows.length &&
          rows.length < limit &&
          nextCursor.current !== undefined &&
          refill === undefined
        ) {
          refill = setTimeout(() => {
            refill = undefined;
            if (live && socket.connected) subscribe();
          }, REFILL_MS);
        }
        return rows === s.rows ? s : { ...s, rows };
      });
    };
    const onDisconnect = (): void => setState((s) => ({ ...s, live: false }));

    socket.on('connect', subscribe);
    socket.on('disconnect', onDisconnect);
    socket.on('runs:update', onUpdate);
    if (socket.connected) subscribe();
    else readOverRest(false);
    return () => {
      live = false;
      if (refill) clearTimeout(refill);
      socket.off('connect', subscribe);
      socket.off('disconnect', onDisconnect);
      socket.off('runs:update', onUpdate);
      if (socket.connected) socket.emit('unsubscribe:runs');
    };
  }, [workflow, status, cursor, limit]);

  return state;
}
