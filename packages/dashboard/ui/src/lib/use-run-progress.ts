import { useEffect, useState } from 'react';
import type { RunProgress } from '../../../src/protocol.js';
import { applyProgress, type ProgressByStep } from './run-progress.js';
import { getSocket } from './socket.js';

const NONE: ProgressByStep = {};

/**
 * The latest progress of each step of a run (`ctx.progress`), while its page is open: `subscribe:progress`
 * on every (re)connection (the server sends the recent tail, then live events), `unsubscribe:progress` on
 * leaving. Only the latest event per step is kept (see {@link applyProgress}).
 */
export function useRunProgress(runId: string): ProgressByStep {
  const [progress, setProgress] = useState<{ runId: string; steps: ProgressByStep }>({ runId, steps: NONE });

  useEffect(() => {
    const socket = getSocket();
    setProgress({ runId, steps: NONE });
    const subscribe = (): void => {
      socket.emit('subscribe:progress', { runId }, () => undefined);
    };
    const onProgress = (batch: RunProgress): void => {
      if (batch.runId !== runId) return;
      setProgress((held) => {
        const base = held.runId === runId ? held.steps : NONE;
        const steps = applyProgress(base, runId, batch.events);
        return steps === held.steps ? held : { runId, steps };
      });
    };
    socket.on('connect', subscribe);
    socket.on('run:progress', onProgress);
    if (socket.connected) subscribe();
    return () => {
      socket.off('connect', subscribe);
      socket.off('run:progress', onProgress);
      if (socket.connected) socket.emit('unsubscribe:progress', { runId });
    };
  }, [runId]);

  return progress.runId === runId ? progress.steps : NONE;
}
