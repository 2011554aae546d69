import { useCallback, useMemo, useState } from 'react';
import { RunHeader } from '../components/RunHeader.js';
import { RunResult } from '../components/RunResult.js';
import { SignalForms } from '../components/SignalForms.js';
import { StateLegend } from '../components/StateLegend.js';
import { StepPanel } from '../components/StepPanel.js';
import { Waterfall } from '../components/Waterfall.js';
import { WorkflowGraphView } from '../components/WorkflowGraphView.js';
import type { StepOverlay } from '../lib/flow-elements.js';
import { buildRunModel } from '../lib/run-model.js';
import { progressText } from '../lib/run-progress.js';
import { useRunActions } from '../lib/use-run-actions.js';
import { useRunProgress } from '../lib/use-run-progress.js';
import { useRunStream } from '../lib/use-run-stream.js';
import { useWorkflows } from '../lib/use-workflows.js';

/** Longest progress preview on a step box, in characters (the box cuts it with an ellipsis anyway). */
const NODE_PROGRESS_CHARS = 120;

/**
 * One run: header, signal forms for waiting steps, graph coloured by step state (with waits and live
 * progress), waterfall of attempts, and the step panel.
 */
export function RunPage({ runId }: { runId: string }) {
  const { stream, error } = useRunStream(runId);
  const progress = useRunProgress(runId);
  const { workflows } = useWorkflows();
  const [selected, setSelected] = useState<string>();
  const actions = useRunActions(runId);

  const workflowName = stream.snapshot?.workflow;
  const info = workflows?.find((w) => w.name === workflowName);
  const graph = stream.graph ?? info?.graph;
  const signals = stream.signals ?? info?.signals;
  const model = useMemo(
    () =>
      buildRunModel({
        events: stream.events,
        ...(stream.snapshot && { snapshot: stream.snapshot }),
        ...(graph && { graph }),
      }),
    [stream.events, stream.snapshot, graph],
  );
  const overlay = useMemo(() => {
    if (!model) return undefined;
    const states: Record<string, StepOverlay> = {};
    for (const [name, s] of Object.entries(model.steps)) {
      states[name] = {
        state: s.state,
        attempts: s.attempts,
        reused: s.reused,
        ...(s.items !== undefined && { items: s.items }),
        ...(s.skipReason !== undefined && { skipReason: s.skipReason }),
        ...(s.pass && { pass: s.pass }),
        ...(s.usage && { usage: s.usage }),
        ...(s.waitingFor && { waitingFor: s.waitingFor }),
        ...(progress[name] && { progress: progressText(progress[name].data, NODE_PROGRESS_CHARS) }),
      };
    }
    return states;
  }, [model, progress]);

  // Stable, so live updates do not hand the graph (and the waterfall) a new click handler each time.
  const select = useCallback(
    (step: string): void => setSelected((current) => (current === step ? undefined : step)),
    [],
  );

  if (!model) {
    return (
      <div className="page">
        {error ? (
          <p className="notice notice-error" data-testid="run-error-notice">
            {error} <a href="#/runs">Back to the runs</a>
          </p>
        ) : (
          <p className="muted">Loading run {runId}…</p>
        )}
      </div>
    );
  }

  const failedStep = model.order.find(
    (name) => model.steps[name].state === 'failed' && model.steps[name].error?.code !== 'STEP_ABORTED',
  );
  return (
    <div className="page run-page">
      <RunHeader
        model={model}
        busy={actions.busy}
        {...(actions.error !== undefined && { actionError: actions.error })}
        onCancel={actions.cancel}
        // From the first failed step; a run without one is rerun from its first step.
        onRerun={() => actions.rerun(failedStep ? undefined : model.order[0])}
      />
      <div className={`run-body${selected ? ' has-panel' : ''}`}>
        <div className="run-main">
          <SignalForms model={model} {...(signals && { signals })} />
          <section className="card">
            <div className="section-head">
              <h2>Graph</h2>
              <StateLegend />
            </div>
            {graph ? (
              <WorkflowGraphView
                graph={graph}
                {...(overlay && { overlay })}
                {...(selected && { selected })}
                onSelect={select}
                maxHeight={520}
              />
            ) : (
              <p className="muted">
                The graph of {model.workflow} is not available (is the workflow still registered?).
              </p>
            )}
          </section>
          <Waterfall model={model} {...(selected && { selected })} onSelect={select} />
          <RunResult model={model} />
        </div>
        {selected && (
          <StepPanel
            model={model}
            name={selected}
            {...(progress[selected] && { progress: progress[selected] })}
            busy={actions.busy}
            onClose={() => setSelected(undefined)}
            onRerunFrom={(step) => actions.rerun(step)}
          />
        )}
      </div>
    </div>
  );
}
