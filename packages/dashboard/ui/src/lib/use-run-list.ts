import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '@baton/runtime';
import type { RunsSnapshot, RunsUpdate } from '../../../src/protocol.js';
import { api } from './api.js';
import { applyRunsUpdate, type RunFilters } from './runs-page.js';
import { getSocket, isErrorReply } from './socket.js';

/** One page of the run list. */
export interface RunListState {
  rows: RunSummary[];
  /** How many runs match the filters across all pages (kept current by live updates on page one). */
  total?: number;
  nextCursor?: string;
  loading: boolean;
  error?: string;
  /** Whether the page receives live updates (page one over a connected socket). */
  live: boolean;
}

/** Wait before re-reading page one after live updates removed rows from it (it may then be short). */
const REFILL_MS = 1000;

/**
 * Live updates are gathered and applied at most this often, in one state update: at 100 runs/s the table
 * renders four times a second, not once per message.
 */
export const APPLY_UPDATES_MS = 250;

/**
 * One page of runs. Page one (`cursor` undefined) is live: `subscribe:runs` with the filters on every
 * (re)connection, then `runs:update` upserts gathered and applied in one state update per
 * {@link APPLY_UPDATES_MS}. Older pages are read once over REST and are not live. Never holds more than
 * `limit` rows (older rows fall off page one; the total still counts them).
 */
export function useRunList(filters: RunFilters, cursor: string | undefined, limit: number): RunListState {
  const [state, setState] = useState<RunListState>({ rows: [], loading: true, live: false });
  const { workflow, status, search, from, to } = filters;
  const nextCursor = useRef<string | undefined>(undefined);

  useEffect(() => {
    const socket = getSocket();
    let live = true;
    let refill: ReturnType<typeof setTimeout> | undefined;
    /** Updates received since the last apply, and the timer that applies them. */
    let pending: RunSummary[] = [];
    let pendingTotal: number | undefined;
    let applyTimer: ReturnType<typeof setTimeout> | undefined;
    let appliedAt = Number.NEGATIVE_INFINITY;
    /** Set once the socket served page one: a slower REST answer must not replace it. */
    let servedLive = false;
    const filters: RunFilters = {
      ...(workflow && { workflow }),
      ...(status && { status }),
      ...(search && { search }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    };
    const query = { ...filters, limit };
    setState((s) => ({ ...s, loading: true }));

    const show = (page: RunsSnapshot, isLive: boolean): void => {
      nextCursor.current = page.nextCursor;
      pending = [];
      pendingTotal = undefined;
      setState({
        rows: page.runs.slice(0, limit),
        total: page.total,
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
    const applyPending = (): void => {
      applyTimer = undefined;
      appliedAt = performance.now();
      const updates = pending;
      const total = pendingTotal;
      pending = [];
      pendingTotal = undefined;
      if (!live) return;
      setState((s) => {
        const rows = applyRunsUpdate(s.rows, updates, filters, limit);
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
        if (rows === s.rows && (total === undefined || total === s.total)) return s;
        return { ...s, rows, ...(total !== undefined && { total }) };
      });
    };
    const onUpdate = (update: RunsUpdate): void => {
      for (const run of update.runs) pending.push(run);
      pendingTotal = update.total;
      // After a quiet spell the first update shows at once; under load, one apply per APPLY_UPDATES_MS.
      applyTimer ??= setTimeout(applyPending, Math.max(0, appliedAt + APPLY_UPDATES_MS - performance.now()));
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
      if (applyTimer) clearTimeout(applyTimer);
      socket.off('connect', subscribe);
      socket.off('disconnect', onDisconnect);
      socket.off('runs:update', onUpdate);
      if (socket.connected) socket.emit('unsubscribe:runs');
    };
  }, [workflow, status, search, from, to, cursor, limit]);

  return state;
}
