import { Handle, Position } from '@xyflow/react';
import { HANDLES, loopHandleTop, type LoopHandles } from '../lib/flow-geometry.js';

/**
 * The handles of a step or summary node: in at the top, out at the bottom, and on the right the loop
 * handles it needs (a back edge arrives at `loopIn`, leaves from `loopOut`). Ids and places match
 * `stepHandles`, so React Flow draws every edge without measuring the node.
 */
export function NodeHandles({ loops }: { loops: LoopHandles }) {
  return (
    <>
      <Handle id={HANDLES.in} type="target" position={Position.Top} isConnectable={false} className="step-handle" />
      <Handle id={HANDLES.out} type="source" position={Position.Bottom} isConnectable={false} className="step-handle" />
      {(['loopIn', 'loopOut'] as const).map(
        (which) =>
          loops[which] && (
            <Handle
              key={which}
              id={HANDLES[which]}
              type={which === 'loopIn' ? 'target' : 'source'}
              position={Position.Right}
              isConnectable={false}
              className="step-handle"
              style={{ top: `${loopHandleTop(which, loops) * 100}%` }}
            />
          ),
      )}
    </>
  );
}
