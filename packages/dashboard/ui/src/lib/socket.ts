import { io, type Socket } from 'socket.io-client';
import { useSyncExternalStore } from 'react';
import type { ClientToServer, ServerToClient } from '../../../src/protocol.js';
import { ACCESS_TOKEN, SOCKET_URL } from './env.js';

/** The dashboard's socket, typed by the protocol. */
export type DashboardSocket = Socket<ServerToClient, ClientToServer>;

let socket: DashboardSocket | undefined;

/** The one socket of the page, connected on first use; it reconnects by itself. */
export function getSocket(): DashboardSocket {
  if (!socket) {
    socket = io(SOCKET_URL, { auth: ACCESS_TOKEN ? { token: ACCESS_TOKEN } : {} });
  }
  return socket;
}

function subscribe(onChange: () => void): () => void {
  const s = getSocket();
  s.on('connect', onChange);
  s.on('disconnect', onChange);
  s.on('connect_error', onChange);
  return () => {
    s.off('connect', onChange);
    s.off('disconnect', onChange);
    s.off('connect_error', onChange);
  };
}

/** Whether the socket is connected, re-rendering on every change. */
export function useConnected(): boolean {
  return useSyncExternalStore(subscribe, () => getSocket().connected);
}

/** Whether an acknowledgement is an error reply. */
export function isErrorReply(reply: unknown): reply is { error: { name: string; message: string } } {
  return typeof reply === 'object' && reply !== null && 'error' in reply && !Array.isArray(reply);
}
