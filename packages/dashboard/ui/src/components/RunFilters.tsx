import { useEffect, useRef, useState } from 'react';
import { fromDateTimeInput, toDateTimeInput } from '../lib/format.js';
import type { RunFilters as Filters } from '../lib/runs-page.js';
import { RUN_FILTER_STATUSES } from '../lib/states.js';

type Status = NonNullable<Filters['status']>;

/** How long the search box waits after the last keystroke before searching (ms). */
export const SEARCH_DEBOUNCE_MS = 250;

interface Props extends Filters {
  workflows: readonly string[];
  onChange: (filters: Filters) => void;
}

/**
 * The run list's filters: a search box (run id or input text, searched by the server once typing pauses),
 * workflow, status (`waiting`: running, with a step waiting) and a start-time range.
 */
export function RunFilters({ workflows, onChange, ...filters }: Props) {
  const { workflow, status, search, from, to } = filters;
  const names = workflow && !workflows.includes(workflow) ? [workflow, ...workflows] : workflows;
  const [text, setText] = useState(search ?? '');
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // Follows the URL (back / forward, a link) unless the box holds typing not yet applied.
  const typing = useRef(false);
  useEffect(() => {
    if (!typing.current) setText(search ?? '');
  }, [search]);
  useEffect(() => {
    if (!typing.current) return;
    const timer = setTimeout(() => {
      typing.current = false;
      const { filters: current, onChange: apply } = latest.current;
      const { search: _search, ...rest } = current;
      const trimmed = text.trim();
      if (trimmed !== (current.search ?? '')) apply({ ...rest, ...(trimmed && { search: trimmed }) });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const set = <K extends keyof Filters>(key: K, value: Filters[K] | undefined): void => {
    const { [key]: _old, ...rest } = filters;
    onChange(value === undefined ? rest : { ...rest, [key]: value });
  };
  return (
    <div className="filters">
      <label className="filter-search">
        Search
        <input
          type="search"
          data-testid="filter-search"
          placeholder="run id or input text"
          maxLength={200}
          value={text}
          onChange={(e) => {
            typing.current = true;
            setText(e.target.value);
          }}
        />
      </label>
      <label>
        Workflow
        <select
          data-testid="filter-workflow"
          value={workflow ?? ''}
          onChange={(e) => set('workflow', e.target.value || undefined)}
        >
          <option value="">all</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          data-testid="filter-status"
          value={status ?? ''}
          onChange={(e) => set('status', (e.target.value as Status) || undefined)}
        >
          <option value="">all</option>
          {RUN_FILTER_STATUSES.map((s) => (
            <option key={s} value={s} {...(s === 'waiting' && { title: 'running, with a step waiting' })}>
              {s === 'waiting' ? 'waiting (running)' : s}
            </option>
          ))}
        </select>
      </label>
      <label title="Runs started at or after this time (local)">
        From
        <input
          type="datetime-local"
          step={1}
          data-testid="filter-from"
          value={toDateTimeInput(from)}
          onChange={(e) => set('from', fromDateTimeInput(e.target.value))}
        />
      </label>
      <label title="Runs started at or before this time (local; the whole second counts)">
        To
        <input
          type="datetime-local"
          step={1}
          data-testid="filter-to"
          value={toDateTimeInput(to === undefined ? undefined : to - (to % 1000))}
          onChange={(e) => {
            const value = fromDateTimeInput(e.target.value);
            set('to', value === undefined ? undefined : value + 999);
          }}
        />
      </label>
    </div>
  );
}
