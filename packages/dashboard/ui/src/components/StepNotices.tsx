import type { RunModel, StepView } from '../lib/run-model.js';

const SKIPPED: Record<string, string> = {
  budget: 'the run crossed its budget before this step could run',
  route: 'its route chose another target',
  upstream: 'a step it depends on did not run',
};

/**
 * Why a step did not run (or was superseded, or aborted by its run's end), whether a rerun kept it, and whether
 * its failed items were tolerated.
 */
export function StepNotices({ model, step }: { model: RunModel; step: StepView }) {
  const aborted = step.attemptList.at(-1)?.outcome === 'superseded';
  const tolerated = step.attemptList.filter((a) => a.tolerated).length;
  return (
    <>
      {step.state === 'skipped' && (
        <p className={`notice${step.skipReason === 'budget' ? ' notice-budget' : ''}`} data-testid="skip-reason">
          Skipped: <strong>{step.skipReason ?? 'unknown reason'}</strong>
          {step.skipReason && SKIPPED[step.skipReason] && <span className="muted"> ({SKIPPED[step.skipReason]})</span>}
        </p>
      )}
      {step.state === 'superseded' && (
        <p className="notice notice-superseded" data-testid="skip-reason">
          <strong>Superseded</strong>: a <span className="mono">join: &apos;any&apos;</span> went on without it
          {aborted ? ', so its running attempt was aborted.' : '.'} Not a failure.
        </p>
      )}
      {step.state === 'aborted' && (
        <p className="notice notice-aborted" data-testid="abort-reason">
          <strong>Aborted</strong>: it was running when its run ended
          {step.error?.message ? <span className="muted"> ({step.error.message})</span> : '.'} Not a failure of its own.
        </p>
      )}
      {tolerated > 0 && (
        <p className="notice" data-testid="tolerated">
          {tolerated} failed {tolerated === 1 ? 'item was' : 'items were'} tolerated: the steps after it take what
          succeeded (<span className="mono">join: &apos;allSettled&apos;</span>).
        </p>
      )}
      {step.reused && (
        <p className="notice">Kept from run {model.rerunOf ?? 'the original run'}: this rerun did not run it again.</p>
      )}
    </>
  );
}
