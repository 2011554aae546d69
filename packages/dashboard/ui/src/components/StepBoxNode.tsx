import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepFlowNode } from '../lib/flow-elements.js';
import { StepBadges } from './StepBadges.js';

const GLYPH = { step: '●', route: '◆', forEach: '▤' } as const;

/** One step of the graph: route steps are hexagons, forEach steps are stacked; coloured by state on a run. */
export function StepBoxNode({ data }: NodeProps<StepFlowNode>) {
  const { step, state } = data;
  const classes = [
    'step-node',
    `kind-${step.kind}`,
    state ? `state-${state}` : 'state-static',
    data.active ? 'is-active' : '',
  ];
  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${step.name}`}
      data-status={state ?? 'static'}
      data-kind={step.kind}
      title={step.description ?? (step.kind === 'route' ? `route to ${(step.routes ?? []).join(' | ')}` : step.name)}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="step-handle" />
      <div className="step-node-body">
        <div className="step-node-title">
          <span className="step-glyph" aria-hidden>
            {GLYPH[step.kind]}
          </span>
          <span className="step-name">{step.name}</span>
        </div>
        {state && (
          <div className="step-node-state">
            <span className="state-dot" />
            {state}
            {data.attempts !== undefined && data.attempts > 1 && (
              <span className="muted"> · {data.attempts} attempts</span>
            )}
            {data.items !== undefined && <span className="muted"> · {data.items} items</span>}
            {data.reused && <span className="muted"> · kept</span>}
          </div>
        )}
        <StepBadges step={step} />
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="step-handle" />
    </div>
  );
}
