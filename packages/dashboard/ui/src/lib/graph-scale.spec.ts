import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { flowEdges, flowNodes } from './flow-elements.js';
import { GROUP_SIZE, GROUPS, graph500, LOOP_BODY } from './graph-500.fixtures.js';
import { layoutGraph } from './graph-layout.js';
import { graphUnits, initialCollapsed } from './graph-units.js';
import { cachedLayout } from './layout-cache.js';
import { READABLE_ZOOM, readableFit } from './readable-fit.js';

/** The median of `runs` timings of `work`, in milliseconds. */
function medianMs(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

describe('a 500-step graph', () => {
  const graph = graph500();

  it('has 500 steps, 44 groups and a loop, all collapsed when it is first shown', () => {
    expect(graph.steps).toHaveLength(500);
    expect(graphUnits(graph)).toHaveLength(GROUPS + 1);
    expect(initialCollapsed(graph).size).toBe(GROUPS + 1);
  });

  it('collapsed: one node per group and one for the loop, so about 90 nodes with their edges', () => {
    const layout = layoutGraph(graph, initialCollapsed(graph));
    // start, 44 × (group + merge), the loop, finish
    expect(layout.steps.length + layout.summaries.length).toBe(1 + GROUPS * 2 + 1 + 1);
    // start → batch1, then per group: group → merge and merge → next group (or the loop), loop → finish
    expect(layout.edges).toHaveLength(1 + GROUPS * 2 + 1);
    expect(layout.edges.every((e) => !e.back)).toBe(true);
  });

  it('lays out fast (printed; bounds are loose for a loaded CI machine)', () => {
    const expanded = medianMs(3, () => layoutGraph(graph));
    const collapsed = medianMs(5, () => layoutGraph(graph, initialCollapsed(graph)));
    const layout = layoutGraph(graph);
    const elements = medianMs(5, () => {
      flowNodes(layout);
      flowEdges(layout);
    });
    console.log(
      `500-step layout: expanded ${expanded.toFixed(0)} ms, collapsed ${collapsed.toFixed(0)} ms; ` +
        `React Flow elements ${elements.toFixed(1)} ms`,
    );
    expect(layout.steps).toHaveLength(500);
    expect(layout.groups).toHaveLength(GROUPS + 1);
    expect(layout.edges).toHaveLength(GROUPS * GROUP_SIZE * 2 + 1 + (LOOP_BODY - 1) + 1 + 1);
    expect(expanded).toBeLessThan(5_000);
    expect(collapsed).toBeLessThan(1_000);
  });

  it('lays out once per structure and collapse state: an equal graph object reuses the layout', () => {
    const collapsed = initialCollapsed(graph);
    const first = cachedLayout(graph, collapsed);
    expect(cachedLayout(structuredClone(graph), new Set(collapsed))).toBe(first);
    expect(cachedLayout(graph, new Set([...collapsed].slice(1)))).not.toBe(first);
  });

  it('opens at its readable top part rather than fitting every step microscopically', () => {
    const layout = cachedLayout(graph, initialCollapsed(graph));
    const fit = readableFit(layout, 1100, 520);
    expect(fit.minZoom).toBe(READABLE_ZOOM);
    expect(fit.nodes?.length).toBeGreaterThan(0);
    expect(fit.nodes?.length).toBeLessThan(12);
    expect(fit.nodes?.[0]).toEqual({ id: 'start' });
  });
});
