import { memo, useContext } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { SummaryFlowNode } from '../lib/flow-elements.js';
import { GraphToggleContext } from '../lib/graph-toggle.js';
import { passLabel } from '../lib/loops.js';
import { unitProgress } from '../lib/unit-status.js';
import { NodeHandles } from './NodeHandles.js';

const GLYPH = { parallel: '‖', loop: '↺' } as const;

/**
 * A collapsed parallel group or loop body: its title, how many steps it holds and, on a run page, its
 * aggregate state and how many of its steps are done; the button expands it again. Handle ids and places
 * match `stepHandles`, so edges into and out of its steps end here.
 */
export const SummaryNode = memo(function SummaryNode({ data }: NodeProps<SummaryFlowNode>) {
  const toggle = useContext(GraphToggleContext);
  const { unit, status, loops } = data;
  const steps = `${unit.members.length} steps`;
  const cap = unit.maxIterations !== undefined ? ` · ≤${unit.maxIterations} passes` : '';
  return (
    <div
      className={`step-node summary-node summary-${unit.kind} ${status ? `state-${status.state}` : 'state-static'}`}
      data-testid={`summary-${unit.id}`}
      data-status={status?.state ?? 'static'}
      data-steps={unit.members.length}
      title={`${unit.label}: ${unit.members.join(', ')}`}
    >
      <div className="step-node-body">
        <div className="step-node-title">
          <button
            type="button"
            className="unit-toggle nodrag nopan"
            aria-expanded={false}
            aria-label={`Expand ${unit.label} (${steps})`}
            title={`Expand (${steps})`}
            data-testid={`toggle-${unit.id}`}
            onClick={() => toggle(unit.id)}
          >
            ▸
          </button>
          <span className="step-glyph" aria-hidden>
            {GLYPH[unit.kind]}
          </span>
          <span className="step-name">{unit.label}</span>
        </div>
        <div className="step-node-state">
          {status && <span className="state-dot" />}
          <span className="step-node-facts" data-testid={`summary-facts-${unit.id}`}>
            {status ? (
              <>
                {status.state}
                <span className="muted">
                  {' · '}
                  {unitProgress(status)}
                  {status.pass && ` · ${passLabel(status.pass)}`}
                </span>
              </>
            ) : (
              <span className="muted">
                {steps}
                {cap}
              </span>
            )}
          </span>
        </div>
      </div>
      <NodeHandles loops={loops} />
    </div>
  );
});
