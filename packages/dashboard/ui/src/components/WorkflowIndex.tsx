import { useMemo } from 'react';
import type { WorkflowInfo } from '../../../src/protocol.js';
import { filterIndex, indexEntry, INDEX_FILTER_ABOVE } from '../lib/workflow-index.js';

interface Props {
  workflows: readonly WorkflowInfo[];
  /** The filter box's text; the page shows only the cards that match it too. */
  query: string;
  onQuery: (query: string) => void;
}

/** Scrolls to a workflow's card (the link's hash alone does not when it is already the current one). */
function jumpTo(name: string): void {
  document.getElementById(`workflow-${name}`)?.scrollIntoView({ block: 'start' });
}

/**
 * The index at the top of the workflows page: every workflow with its step count, collapsible parts and
 * signals, linking to its card; with a filter box when there are more than {@link INDEX_FILTER_ABOVE}.
 */
export function WorkflowIndex({ workflows, query, onQuery }: Props) {
  const entries = useMemo(() => workflows.map((w) => indexEntry(w.graph)), [workflows]);
  const shown = useMemo(() => filterIndex(entries, query), [entries, query]);
  return (
    <nav className="card workflow-index" aria-label="Workflows index" data-testid="workflow-index">
      {entries.length > INDEX_FILTER_ABOVE && (
        <input
          type="search"
          className="index-filter"
          placeholder={`Filter ${entries.length} workflows (name, description, signal)`}
          aria-label="Filter the workflows"
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          data-testid="index-filter"
        />
      )}
      <ul className="index-list">
        {shown.map((entry) => (
          <li key={entry.name} className="index-entry" data-testid={`index-${entry.name}`}>
            <a href={entry.href} className="mono index-name" onClick={() => jumpTo(entry.name)}>
              {entry.name}
            </a>
            <span className="muted index-facts">
              {entry.steps} steps
              {entry.groups > 0 && ` · ${entry.groups} parallel ${entry.groups === 1 ? 'group' : 'groups'}`}
              {entry.loops > 0 && ` · ${entry.loops} ${entry.loops === 1 ? 'loop' : 'loops'}`}
            </span>
            {entry.signals.length > 0 && (
              <span className="index-signals" title="signals its steps wait for">
                {entry.signals.map((signal) => (
                  <span key={signal} className="badge-policy badge-wait">
                    {signal}
                  </span>
                ))}
              </span>
            )}
            {entry.description && <span className="muted index-description">{entry.description}</span>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No workflow matches “{query}”.</li>}
      </ul>
    </nav>
  );
}
