import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Controls, MiniMap, Panel, ReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import type { WorkflowGraph } from '@baton/sdk';
import { flowEdges, flowNodes, type FlowNode, type StepOverlay } from '../lib/flow-elements.js';
import { GraphToggleContext } from '../lib/graph-toggle.js';
import { graphUnits, initialCollapsed } from '../lib/graph-units.js';
import { cachedLayout } from '../lib/layout-cache.js';
import { readableFit } from '../lib/readable-fit.js';
import { useStableElements } from '../lib/use-stable-elements.js';
import { BackEdge } from './BackEdge.js';
import { FitOnResize } from './FitOnResize.js';
import { GroupBoxNode } from './GroupBoxNode.js';
import { KeepInPlace, unitTop, type Anchor } from './KeepInPlace.js';
import { StepBoxNode } from './StepBoxNode.js';
import { SummaryNode } from './SummaryNode.js';

const nodeTypes: NodeTypes = { step: StepBoxNode, 'group-box': GroupBoxNode, summary: SummaryNode };
const edgeTypes: EdgeTypes = { back: BackEdge };
/** Graphs with more steps than this get a minimap to find one's way around. */
const MINIMAP_STEPS = 15;
/** With more drawn nodes than this, React Flow renders only the nodes and edges in view. */
const VISIBLE_ONLY_NODES = 60;

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
 * A workflow's graph drawn with React Flow. Parallel groups and loop bodies collapse to one summary node
 * and expand again (all collapsed at first in a graph of over 60 steps); the collapse state belongs to this
 * view and survives live updates. The dagre layout depends only on the graph's structure and the collapse
 * state, so it is cached per pair; state changes only recolour the nodes and edges, and unchanged nodes and
 * edges keep their objects. Nodes carry their handles' places, so edges (loop back edges too) are drawn
 * without waiting for React Flow to measure the DOM. The wheel zooms, the graph refits when its canvas
 * changes size (a large one to its readable top part), and a large graph gets a minimap and renders only
 * what is in view.
 */
export function WorkflowGraphView({ graph, overlay, selected, onSelect, maxHeight = 560 }: Props) {
  const [collapsed, setCollapsed] = useState(() => initialCollapsed(graph));
  const layout = useMemo(() => cachedLayout(graph, collapsed), [graph, collapsed]);
  const current = useRef(layout);
  current.current = layout;
  const anchor = useRef<Anchor | undefined>(undefined);
  const toggle = useCallback((unitId: string) => {
    const top = unitTop(current.current, unitId);
    anchor.current = top && { id: unitId, x: top.x, y: top.y };
    setCollapsed((before) => {
      const next = new Set(before);
      if (!next.delete(unitId)) next.add(unitId);
      return next;
    });
  }, []);
  const setAll = useCallback(
    (shut: boolean) => {
      anchor.current = { refit: true };
      setCollapsed(new Set(shut ? graphUnits(graph).map((u) => u.id) : []));
    },
    [graph],
  );
  // A step newly selected elsewhere (the waterfall) inside a collapsed unit: expand what hides it.
  const revealed = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (selected === revealed.current) return;
    revealed.current = selected;
    if (selected === undefined) return;
    const hiding = graphUnits(graph).filter((u) => collapsed.has(u.id) && u.members.includes(selected));
    if (hiding.length > 0)
      setCollapsed((before) => new Set([...before].filter((id) => !hiding.some((u) => u.id === id))));
  }, [selected, graph, collapsed]);

  const nodes = useStableElements(
    useMemo(() => flowNodes(layout, overlay, selected), [layout, overlay, selected]),
    layout,
  );
  const edges = useStableElements(
    useMemo(() => flowEdges(layout, overlay), [layout, overlay]),
    layout,
  );
  const fit = useCallback((width: number, height: number) => readableFit(layout, width, height), [layout]);
  const onNodeClick = useCallback(
    (_event: unknown, node: FlowNode) => {
      if (node.type === 'step') onSelect?.(node.id);
    },
    [onSelect],
  );
  const units = graphUnits(graph).length;
  const drawn = layout.steps.length + layout.summaries.length;
  const height = Math.min(Math.max(layout.height + 48, 180), maxHeight);
  return (
    <div
      className="graph-canvas"
      style={{ height }}
      data-testid={`graph-${graph.name}`}
      data-node-count={drawn}
      data-edge-count={edges.length}
    >
      <GraphToggleContext.Provider value={toggle}>
        <ReactFlow<FlowNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          minZoom={drawn > VISIBLE_ONLY_NODES ? 0.05 : 0.2}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={Boolean(onSelect)}
          onlyRenderVisibleElements={drawn > VISIBLE_ONLY_NODES}
          zoomOnScroll
          zoomOnPinch
          zoomOnDoubleClick={false}
          onNodeClick={onNodeClick}
        >
          <Controls showInteractive={false} position="bottom-right" />
          {graph.steps.length > MINIMAP_STEPS && <MiniMap pannable zoomable position="bottom-left" />}
          {graph.steps.length > MINIMAP_STEPS && units > 0 && (
            <Panel position="top-right" className="graph-tools">
              <button
                type="button"
                onClick={() => setAll(false)}
                disabled={collapsed.size === 0}
                data-testid="expand-all"
              >
                Expand all
              </button>
              <button
                type="button"
                onClick={() => setAll(true)}
                disabled={collapsed.size === units}
                data-testid="collapse-all"
              >
                Collapse all
              </button>
            </Panel>
          )}
          <FitOnResize fit={fit} />
          <KeepInPlace layout={layout} anchor={anchor} fit={fit} />
        </ReactFlow>
      </GraphToggleContext.Provider>
    </div>
  );
}
