import type { RunQuery } from '@baton/runtime';
import { RUN_FILTER_STATUSES } from '../lib/states.js';

type Status = NonNullable<RunQuery['status']>;

interface Props {
  workflows: readonly string[];
  workflow?: string;
  status?: Status;
  onChange: (filters: { workflow?: string; status?: Status }) => void;
}

/** The workflow and status filters of the run list (status `waiting`: running, with a step waiting). */
export function RunFilters({ workflows, workflow, status, onChange }: Props) {
  const names = workflow && !workflows.includes(workflow) ? [workflow, ...workflows] : workflows;
  return (
    <div className="filters">
      <label>
        Workflow
        <select
          data-testid="filter-workflow"
          value={workflow ?? ''}
          onChange={(e) => onChange({ ...(e.target.value && { workflow: e.target.value }), ...(status && { status }) })}
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
          onChange={(e) =>
            onChange({ ...(workflow && { workflow }), ...(e.target.value && { status: e.target.value as Status }) })
          }
        >
          <option value="">all</option>
          {RUN_FILTER_STATUSES.map((s) => (
            <option key={s} value={s} {...(s === 'waiting' && { title: 'running, with a step waiting' })}>
              {s === 'waiting' ? 'waiting (running)' : s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
