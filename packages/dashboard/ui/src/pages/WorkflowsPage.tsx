import { useEffect, useMemo, useState } from 'react';
import { GraphKey } from '../components/GraphKey.js';
import { WorkflowCard } from '../components/WorkflowCard.js';
import { WorkflowIndex } from '../components/WorkflowIndex.js';
import { filterIndex, indexEntry, INDEX_FILTER_ABOVE } from '../lib/workflow-index.js';
import { useWorkflows } from '../lib/use-workflows.js';

/** Cards drawn at once; those below draw their graph when scrolled near (on a page of many workflows). */
const EAGER_CARDS = 3;

/** Every registered workflow: an index linking to each, then each with its graph and a start-run form. */
export function WorkflowsPage({ focus }: { focus?: string }) {
  const { workflows, error } = useWorkflows();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    if (!workflows) return undefined;
    const names = new Set(
      filterIndex(
        workflows.map((w) => indexEntry(w.graph)),
        query,
      ).map((e) => e.name),
    );
    return workflows.filter((w) => names.has(w.name));
  }, [workflows, query]);
  useEffect(() => {
    if (focus && workflows) document.getElementById(`workflow-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus, workflows]);
  const lazy = (workflows?.length ?? 0) > INDEX_FILTER_ABOVE;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Workflows</h1>
        <GraphKey />
      </div>
      {error && <p className="notice notice-error">Could not load the workflows: {error}</p>}
      {!workflows && !error && <p className="muted">Loading…</p>}
      {workflows?.length === 0 && (
        <p className="notice">No workflow is registered. Add a @Workflow class to the providers of a module.</p>
      )}
      {workflows && workflows.length > 1 && <WorkflowIndex workflows={workflows} query={query} onQuery={setQuery} />}
      {shown?.map((w, i) => (
        <WorkflowCard key={w.name} workflow={w} eager={!lazy || i < EAGER_CARDS || w.name === focus} />
      ))}
    </div>
  );
}
