import { useEffect } from 'react';
import { GraphKey } from '../components/GraphKey.js';
import { WorkflowCard } from '../components/WorkflowCard.js';
import { useWorkflows } from '../lib/use-workflows.js';

/** Every registered workflow with its graph and a start-run form. */
export function WorkflowsPage({ focus }: { focus?: string }) {
  const { workflows, error } = useWorkflows();
  useEffect(() => {
    if (focus && workflows) document.getElementById(`workflow-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [focus, workflows]);
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
      {workflows?.map((w) => (
        <WorkflowCard key={w.name} workflow={w} />
      ))}
    </div>
  );
}
