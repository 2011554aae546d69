import { useMemo } from 'react';
import { Controls, MiniMap, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import type { WorkflowGraph } from '@baton/sdk';
import { flowEdges, flowNodes, type FlowNode, type StepOverlay } from '../lib/flow-elements.js';
import { layoutGraph } from '../lib/graph-layout.js';
import { BackEdge } from './BackEdge.js';
import { FitOnResize } from './FitOnResize.js';
import { GroupBoxNode } from './GroupBoxNode.js';
import { StepBoxNode } from './StepBoxNode.js';

const nodeTypes: NodeTypes = { step: StepBoxNode, 'group-box': GroupBoxNode };
const edgeTypes: EdgeTypes = { back: BackEdge };
const FIT = { padding: 0.12, maxZoom: 1 };
/** Graphs with more steps than this get a minimap to find one's way around. */
const MINIMAP_STEPS = 15;

interface Props {
  graph: WorkflowGraph;
  /** Step states on a run page; absent on the workflows page. */
  overlay?: Record<string, StepOverlay>;
  selected?: string;
  onSelect?: (step: string) => void;
  /** Largest height of the canvas, in pixels. */
  maxHeight?: number;
}

/**
 * A workflow's graph drawn with React Flow. The dagre layout depends only on the graph, so it is
 * computed once per graph; state changes only recolour the nodes and edges. Nodes carry their handles'
 * places, so edges (loop back edges too) are drawn without waiting for React Flow to measure the DOM.
 * The wheel (or a pinch) zooms, the graph refits when its canvas changes size, and a large graph gets a
 * minimap.
 */
export function WorkflowGraphView({ graph, overlay, selected, onSelect, maxHeight = 560 }: Props) {
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const nodes = useMemo(() => flowNodes(layout, overlay, selected), [layout, overlay, selected]);
  const edges = useMemo(() => flowEdges(layout, overlay), [layout, overlay]);
  const height = Math.min(Math.max(layout.height + 48, 180), maxHeight);
  return (
    <div className="graph-canvas" style={{ height }} data-testid={`graph-${graph.name}`}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={FIT}
        minZoom={0.2}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={Boolean(onSelect)}
        zoomOnScroll
        zoomOnPinch
        zoomOnDoubleClick={false}
        onNodeClick={(_event, node) => node.type === 'step' && onSelect?.(node.id)}
      >
        <Controls showInteractive={false} position="bottom-right" />
        {graph.steps.length > MINIMAP_STEPS && <MiniMap pannable zoomable position="bottom-left" />}
        <FitOnResize {...FIT} />
      </ReactFlow>
    </div>
  );
}
