import type { WorkflowInfo } from '../../../src/protocol.js';
import { formatDuration } from '../lib/format.js';
import { runsHref } from '../lib/router.js';
import { LazyMount } from './LazyMount.js';
import { StartRunForm } from './StartRunForm.js';
import { WorkflowGraphView } from './WorkflowGraphView.js';

/**
 * One registered workflow: its graph, its facts and the start-run form. Unless `eager`, the graph is laid
 * out and drawn only once the card comes near the window.
 */
export function WorkflowCard({ workflow, eager = true }: { workflow: WorkflowInfo; eager?: boolean }) {
  const { graph } = workflow;
  return (
    <section className="card workflow-card" id={`workflow-${workflow.name}`} data-testid={`workflow-${workflow.name}`}>
      <header className="card-head">
        <div>
          <h2 className="workflow-name">{workflow.name}</h2>
          {graph.description && <p className="muted">{graph.description}</p>}
        </div>
        <dl className="facts">
          <div>
            <dt>version</dt>
            <dd className="mono">{graph.version}</dd>
          </div>
          <div>
            <dt>steps</dt>
            <dd>{graph.steps.length}</dd>
          </div>
          {graph.output && (
            <div>
              <dt>output</dt>
              <dd className="mono">{graph.output}</dd>
            </div>
          )}
          {graph.timeoutMs !== undefined && (
            <div>
              <dt>timeout</dt>
              <dd>{formatDuration(graph.timeoutMs)}</dd>
            </div>
          )}
          <div>
            <dt>runs</dt>
            <dd>
              <a href={runsHref({ workflow: workflow.name })}>view →</a>
            </dd>
          </div>
        </dl>
      </header>
      <div className="workflow-body">
        <div className="workflow-graph">
          <LazyMount eager={eager} height={graph.steps.length > 8 ? 560 : 240}>
            <WorkflowGraphView graph={graph} />
          </LazyMount>
        </div>
        <StartRunForm workflow={workflow} />
      </div>
    </section>
  );
}
