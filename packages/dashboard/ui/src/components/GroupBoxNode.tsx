import type { NodeProps } from '@xyflow/react';
import type { GroupFlowNode } from '../lib/flow-elements.js';

/** The shared background of a `@Parallel` group, labelled. */
export function GroupBoxNode({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className="group-box" data-testid={`group-${data.label}`}>
      <span className="group-box-label">{data.label}</span>
    </div>
  );
}
