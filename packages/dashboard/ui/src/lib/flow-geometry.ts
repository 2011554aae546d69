import { Position, type NodeHandle } from '@xyflow/react';

/** The side of a step box's handles, in pixels (matches `.step-handle` in `graph.css`). */
export const HANDLE_SIZE = 6;

/** Handle ids of a step box: dependencies enter at the top and leave at the bottom; loops use the right side. */
export const HANDLES = { in: 'in', out: 'out', loopIn: 'loop-in', loopOut: 'loop-out' } as const;

/** Which loop handles a step box has: `loopIn` as a back target, `loopOut` as a route with a back edge. */
export interface LoopHandles {
  loopIn: boolean;
  loopOut: boolean;
}

/** Where a loop handle sits on the right side, as a fraction of the box's height (apart when a box has both). */
export function loopHandleTop(which: keyof LoopHandles, loops: LoopHandles): number {
  if (!loops.loopIn || !loops.loopOut) return 0.5;
  return which === 'loopIn' ? 0.35 : 0.65;
}

/**
 * A step box's handles with their positions, given up front (as React Flow's server-side rendering does)
 * so edges are drawn before, and whether or not, the DOM handles are measured. Each sits where the
 * `<Handle>` of `StepBoxNode` renders it: centred on its side.
 */
export function stepHandles(width: number, height: number, loops: LoopHandles): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  const size = { width: HANDLE_SIZE, height: HANDLE_SIZE };
  const handles: NodeHandle[] = [
    { id: HANDLES.in, type: 'target', position: Position.Top, x: width / 2 - half, y: -half, ...size },
    { id: HANDLES.out, type: 'source', position: Position.Bottom, x: width / 2 - half, y: height - half, ...size },
  ];
  const right = (which: keyof LoopHandles): Pick<NodeHandle, 'x' | 'y' | 'position'> => ({
    position: Position.Right,
    x: width - half,
    y: height * loopHandleTop(which, loops) - half,
  });
  if (loops.loopIn) handles.push({ id: HANDLES.loopIn, type: 'target', ...right('loopIn'), ...size });
  if (loops.loopOut) handles.push({ id: HANDLES.loopOut, type: 'source', ...right('loopOut'), ...size });
  return handles;
}

/** The path of a back edge and where its label goes. */
export interface BackEdgeGeometry {
  path: string;
  labelX: number;
  labelY: number;
}

/**
 * A back edge from a route's right side up to its back target's right side: a curve bulging to the right
 * of both boxes (further the longer it is), so it never runs over the top-down edges between them.
 */
export function backEdgePath(p: {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
}): BackEdgeGeometry {
  const bulge = Math.min(140, 40 + Math.abs(p.sourceY - p.targetY) * 0.25);
  const reach = Math.max(p.sourceX, p.targetX) + bulge;
  const path = `M${p.sourceX},${p.sourceY} C${reach},${p.sourceY} ${reach},${p.targetY} ${p.targetX},${p.targetY}`;
  // The curve's point at t = 0.5 (its rightmost point when both ends are level).
  return { path, labelX: 0.125 * (p.sourceX + p.targetX) + 0.75 * reach, labelY: (p.sourceY + p.targetY) / 2 };
}
