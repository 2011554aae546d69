import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { backEdgePath } from '../lib/flow-geometry.js';

/** A loop's back edge: from the route's right side, curving out to the right and up into its back target. */
export const BackEdge = memo(function BackEdge(props: EdgeProps) {
  const { path, labelX, labelY } = backEdgePath(props);
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      markerEnd={props.markerEnd}
      style={props.style}
      interactionWidth={props.interactionWidth}
    />
  );
});
