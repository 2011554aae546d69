import { memo, useContext } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { GroupFlowNode } from '../lib/flow-elements.js';
import { GraphToggleContext } from '../lib/graph-toggle.js';

/** The shared background of an expanded `@Parallel` group or loop body, titled, with a button to collapse it. */
export const GroupBoxNode = memo(function GroupBoxNode({ data }: NodeProps<GroupFlowNode>) {
  const toggle = useContext(GraphToggleContext);
  return (
    <div className={`group-box group-box-${data.kind}`} data-testid={`group-${data.label}`} data-unit={data.unitId}>
      <span className="group-box-head">
        <button
          type="button"
          className="unit-toggle nodrag nopan"
          aria-expanded
          aria-label={`Collapse ${data.label} (${data.size} steps)`}
          title={`Collapse to one node (${data.size} steps)`}
          data-testid={`toggle-${data.unitId}`}
          onClick={() => toggle(data.unitId)}
        >
          ▾
        </button>
        <span className="group-box-label">{data.label}</span>
      </span>
    </div>
  );
});
