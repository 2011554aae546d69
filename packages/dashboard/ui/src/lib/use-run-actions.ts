import { useCallback, useState } from 'react';
import { api, ApiRequestError } from './api.js';
import { navigate, runHref } from './router.js';

/** Cancel and rerun for one run, with a busy flag and the last error to show. */
export function useRunActions(runId: string): {
  busy: boolean;
  error?: string;
  cancel: () => void;
  rerun: (fromStep?: string) => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(
        failure instanceof ApiRequestError
          ? `${failure.body.name}: ${failure.body.message}`
          : (failure as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }, []);
  const cancel = useCallback(
    () =>
      void run(async () => {
        const { cancelled } = await api.cancel(runId);
        if (!cancelled) setError('The run had already ended.');
      }),
    [run, runId],
  );
  const rerun = useCallback(
    (fromStep?: string) =>
      void run(async () => {
        const { runId: next } = await api.rerun(runId, fromStep);
        navigate(runHref(next));
      }),
    [run, runId],
  );
  return { busy, ...(error !== undefined && { error }), cancel, rerun };
}
