import type { WaitingFor } from '@baton/runtime';
import { useNow } from '../lib/use-now.js';
import { waitTime } from '../lib/wait-text.js';

/** On a waiting step's box: when the wait ends (a countdown under an hour, else the time), ticking. */
export function NodeWait({ step, waitingFor }: { step: string; waitingFor: WaitingFor | undefined }) {
  const until = waitingFor?.until;
  const now = useNow(until !== undefined, 1000);
  if (until === undefined) return null;
  return (
    <span className="muted" data-testid={`wait-${step}`} title={new Date(until).toLocaleString()}>
      {' '}
      · {waitTime(until, now, false)}
    </span>
  );
}
