import { useConnected } from '../lib/socket.js';

/** Whether the live socket is up. */
export function ConnectionIndicator() {
  const connected = useConnected();
  return (
    <span
      className={`connection ${connected ? 'is-connected' : 'is-disconnected'}`}
      data-testid="connection"
      data-state={connected ? 'connected' : 'disconnected'}
      title={connected ? 'Live updates are on' : 'Reconnecting… (pages resume where they left off)'}
    >
      <span className="connection-dot" />
      {connected ? 'live' : 'offline'}
    </span>
  );
}
