import type { ErrorBody } from '@baton/runtime';
import type { ErrorReply, SignalSent } from '../../../src/protocol.js';
import { api, ApiRequestError } from './api.js';
import { getSocket, isErrorReply } from './socket.js';

/** How long to wait for the gateway's answer to `signal:send`. */
const SIGNAL_TIMEOUT_MS = 10_000;

/**
 * Sends a signal to a run: over the socket (`signal:send`) when connected, else over REST
 * (`POST runs/:id/signals/:name`). Resolves with the run id, or the server's error (with `violations`
 * when the payload failed its class); never rejects.
 */
export async function sendSignal(
  runId: string,
  signal: string,
  payload: unknown,
): Promise<{ runId: string } | { error: ErrorBody }> {
  const socket = getSocket();
  try {
    if (socket.connected) {
      const reply = (await socket.timeout(SIGNAL_TIMEOUT_MS).emitWithAck('signal:send', { runId, signal, payload })) as
        SignalSent | ErrorReply;
      return isErrorReply(reply) ? { error: reply.error } : reply;
    }
    return await api.signal(runId, signal, payload);
  } catch (failure) {
    if (failure instanceof ApiRequestError) return { error: failure.body };
    return { error: { name: 'Error', message: (failure as Error).message } };
  }
}
