import { Graph, layout } from '@dagrejs/dagre';

/** A node to place: a step, a collapsed unit's summary, or an expanded unit's box (sized by its content). */
export interface Sized {
  id: string;
  width: number;
  height: number;
}

/** A placed rectangle, top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room inside a box around its content, and above it for the box's title. */
export const BOX_PAD = 16;
export const BOX_LABEL = 20;
const NODE_SEP = 28;
const RANK_SEP = 46;

/** The nesting of boxes: each node's and each box's enclosing box (absent at the top). */
export interface Nesting {
  /** The leaves (steps and summaries) and their sizes. */
  leaves: Sized[];
  /** The boxes' ids, in any order. */
  boxes: string[];
  parentOf: ReadonlyMap<string, string>;
  /** The forward edges between leaves. */
  edges: ReadonlyArray<{ source: string; target: string; route: boolean }>;
}

/** The items in path order when the edges link them in one path (each follows exactly one other), else undefined. */
function pathOrder(items: readonly Sized[], edges: ReadonlyArray<[string, string, boolean]>): Sized[] | undefined {
  if (edges.length !== items.length - 1) return undefined;
  const next = new Map<string, string>();
  const hasPrevious = new Set<string>();
  for (const [source, target] of edges) {
    if (next.has(source) || hasPrevious.has(target)) return undefined;
    next.set(source, target);
    hasPrevious.add(target);
  }
  const byId = new Map(items.map((i) => [i.id, i]));
  const first = items.find((i) => !hasPrevious.has(i.id));
  const path: Sized[] = [];
  for (let id = first?.id; id !== undefined && path.length <= items.length; id = next.get(id)) path.push(byId.get(id)!);
  return path.length === items.length ? path : undefined;
}

/** Places `items` (in declaration order) with the `edges` among them: dagre top-down, or one row when unlinked. */
function placeLevel(items: readonly Sized[], edges: ReadonlyArray<[string, string, boolean]>, margin: number) {
  const at = new Map<string, { x: number; y: number }>();
  if (items.length === 0) return { at, width: 2 * margin, height: 2 * margin };
  if (edges.length === 0) {
    const tallest = Math.max(...items.map((i) => i.height));
    let x = margin;
    for (const item of items) {
      at.set(item.id, { x, y: margin + (tallest - item.height) / 2 });
      x += item.width + NODE_SEP;
    }
    return { at, width: x - NODE_SEP + margin, height: tallest + 2 * margin };
  }
  const path = pathOrder(items, edges);
  if (path) {
    // One path top to bottom (a chain of steps and boxes, the common case): stacked and centred, as dagre
    // would, without its cost (about 1 ms per node on a loaded machine).
    const widest = Math.max(...items.map((i) => i.width));
    let y = margin;
    for (const item of path) {
      at.set(item.id, { x: margin + (widest - item.width) / 2, y });
      y += item.height + RANK_SEP;
    }
    return { at, width: widest + 2 * margin, height: y - RANK_SEP + margin };
  }
  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: margin, marginy: margin });
  g.setDefaultEdgeLabel(() => ({}));
  for (const item of items) g.setNode(item.id, { width: item.width, height: item.height });
  for (const [source, target, route] of edges) g.setEdge(source, target, route ? { minlen: 1, weight: 2 } : {});
  layout(g);
  let width = 0;
  let height = 0;
  for (const item of items) {
    const { x = 0, y = 0 } = g.node(item.id) as { x?: number; y?: number };
    const corner = { x: x - item.width / 2, y: y - item.height / 2 };
    at.set(item.id, corner);
    width = Math.max(width, corner.x + item.width + margin);
    height = Math.max(height, corner.y + item.height + margin);
  }
  return { at, width, height };
}

/**
 * Lays out nested boxes level by level: each box's content is laid out on its own (dagre, or a row when
 * its members are unlinked, as a parallel group's are), then placed as one node of that size in the level
 * above. Many small layouts instead of one big compound layout: a 500-step graph of 44 groups lays out in
 * tens of milliseconds instead of seconds. An edge is ranked at the level where its ends' boxes meet;
 * React Flow still draws it between the steps themselves. Returns every leaf's and box's rectangle.
 */
export function layoutNested(
  nesting: Nesting,
  margin = 12,
): { rects: Map<string, Rect>; width: number; height: number } {
  const children = new Map<string | undefined, Sized[]>();
  const sizeOf = new Map<string, Sized>(nesting.leaves.map((l) => [l.id, l]));
  const add = (parent: string | undefined, id: string): void => {
    const list = children.get(parent) ?? [];
    list.push({ id, width: 0, height: 0 });
    children.set(parent, list);
  };
  for (const leaf of nesting.leaves) add(nesting.parentOf.get(leaf.id), leaf.id);
  for (const box of nesting.boxes) add(nesting.parentOf.get(box), box);
  // The item of level `box` holding `id` (itself or an enclosing box), or undefined when outside it.
  const itemIn = (box: string | undefined, id: string): string | undefined => {
    let current = id;
    for (;;) {
      const parent = nesting.parentOf.get(current);
      if (parent === box) return current;
      if (parent === undefined) return undefined;
      current = parent;
    }
  };
  const placed = new Map<string | undefined, ReturnType<typeof placeLevel>>();
  const place = (box: string | undefined): Sized => {
    const items = (children.get(box) ?? []).map((item) => {
      if (sizeOf.has(item.id)) return sizeOf.get(item.id)!;
      const inner = place(item.id);
      return { id: item.id, width: inner.width, height: inner.height };
    });
    const seen = new Set<string>();
    const edges: Array<[string, string, boolean]> = [];
    for (const edge of nesting.edges) {
      const source = itemIn(box, edge.source);
      const target = itemIn(box, edge.target);
      if (source === undefined || target === undefined || source === target || seen.has(`${source}\n${target}`))
        continue;
      seen.add(`${source}\n${target}`);
      edges.push([source, target, edge.route]);
    }
    const level = placeLevel(items, edges, box === undefined ? margin : 0);
    placed.set(box, level);
    return box === undefined
      ? { id: '', width: level.width, height: level.height }
      : { id: box, width: level.width + 2 * BOX_PAD, height: level.height + 2 * BOX_PAD + BOX_LABEL };
  };
  const top = place(undefined);
  const rects = new Map<string, Rect>();
  const settle = (box: string | undefined, originX: number, originY: number): void => {
    for (const item of children.get(box) ?? []) {
      const corner = placed.get(box)!.at.get(item.id)!;
      const x = originX + corner.x;
      const y = originY + corner.y;
      const leaf = sizeOf.get(item.id);
      if (leaf) {
        rects.set(item.id, { x, y, width: leaf.width, height: leaf.height });
      } else {
        const inner = placed.get(item.id)!;
        rects.set(item.id, { x, y, width: inner.width + 2 * BOX_PAD, height: inner.height + 2 * BOX_PAD + BOX_LABEL });
        settle(item.id, x + BOX_PAD, y + BOX_PAD + BOX_LABEL);
      }
    }
  };
  settle(undefined, 0, 0);
  return { rects, width: top.width, height: top.height };
}
