import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StepFlowNode } from '../lib/flow-elements.js';
import { passLabel } from '../lib/loops.js';
import { compactUsage, describeUsage } from '../lib/usage.js';
import { NodeWait } from './NodeWait.js';
import { StepBadges } from './StepBadges.js';
import { NodeHandles } from './NodeHandles.js';

const GLYPH = { step: '●', route: '◆', forEach: '▤' } as const;

/**
 * One step of the graph: route steps are hexagons, forEach steps are stacked; coloured by state on a run,
 * with the loop pass, what the step spent, when a wait ends and a running step's latest progress. Handle
 * ids and places match `stepHandles`.
 */
export const StepBoxNode = memo(function StepBoxNode({ data }: NodeProps<StepFlowNode>) {
  const { step, state, loops } = data;
  const classes = [
    'step-node',
    `kind-${step.kind}`,
    state ? `state-${state}` : 'state-static',
    state === 'skipped' && data.skipReason ? `skip-${data.skipReason}` : '',
    data.active ? 'is-active' : '',
  ];
  const usage = state ? compactUsage(data.usage) : undefined;
  const routes = step.routes?.join(' | ') ?? '';
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${step.name}`}
      data-status={state ?? 'static'}
      data-kind={step.kind}
      {...(data.pass && { 'data-iteration': data.pass.iteration })}
      title={step.description ?? (step.kind === 'route' ? `route to ${routes}` : step.name)}
    >
      <div className="step-node-body">
        <div className="step-node-title">
          <span className="step-glyph" aria-hidden>
            {GLYPH[step.kind]}
          </span>
          <span className="step-name">{step.name}</span>
          {usage && (
            <span className="node-chip usage-chip" data-testid={`usage-${step.name}`} title={describeUsage(data.usage)}>
              {usage}
            </span>
          )}
        </div>
        {state && (
          <div className="step-node-state">
            <span className="state-dot" />
            <span className="step-node-facts">
              {state}
              {state === 'skipped' && data.skipReason && <span className="muted"> · {data.skipReason}</span>}
              {data.attempts !== undefined && data.attempts > 1 && (
                <span className="muted"> · {data.attempts} attempts</span>
              )}
              {data.items !== undefined && <span className="muted"> · {data.items} items</span>}
              {data.reused && <span className="muted"> · kept</span>}
              {state === 'waiting' && <NodeWait step={step.name} waitingFor={data.waitingFor} />}
            </span>
            {data.progress !== undefined && (state === 'running' || state === 'retrying') && (
              <span className="node-progress" data-testid={`progress-${step.name}`} title={data.progress}>
                {data.progress}
              </span>
            )}
            {data.pass && (
              <span className="node-chip pass-chip" data-testid={`pass-${step.name}`} title="loop pass / most passes">
                {passLabel(data.pass)}
              </span>
            )}
          </div>
        )}
        <StepBadges step={step} />
      </div>
      <NodeHandles loops={loops} />
    </div>
  );
});
