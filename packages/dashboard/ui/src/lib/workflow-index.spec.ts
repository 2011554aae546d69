import { describe, expect, it } from 'vitest';
import { graph500 } from './graph-500.fixtures.js';
import { AGENT_GRAPH, GRAPH } from './trace.fixtures.js';
import { filterIndex, indexEntry } from './workflow-index.js';

describe('the workflows index', () => {
  const entries = [
    indexEntry(GRAPH),
    indexEntry({ ...AGENT_GRAPH, description: 'Writes an essay', signals: ['approve'] }),
    indexEntry(graph500()),
  ];

  it('lists each workflow with its steps, collapsible parts, signals and a link to its card', () => {
    expect(entries[1]).toEqual({
      name: 'agent',
      description: 'Writes an essay',
      steps: AGENT_GRAPH.steps.length,
      groups: 1,
      loops: 1,
      signals: ['approve'],
      href: '#/workflows/agent',
    });
    expect(entries[2]).toMatchObject({ name: 'graph-500', steps: 500, groups: 44, loops: 1, signals: [] });
  });

  it('filters by every word of the query, in the name, the description or a signal', () => {
    expect(filterIndex(entries, '').map((e) => e.name)).toEqual(['wf', 'agent', 'graph-500']);
    expect(filterIndex(entries, 'ESSAY').map((e) => e.name)).toEqual(['agent']);
    expect(filterIndex(entries, 'approve agent').map((e) => e.name)).toEqual(['agent']);
    expect(filterIndex(entries, 'graph 500').map((e) => e.name)).toEqual(['graph-500']);
    expect(filterIndex(entries, 'nothing')).toEqual([]);
  });
});
