import type { RunModel } from '../lib/run-model.js';
import { shortId } from '../lib/format.js';
import { runHref } from '../lib/router.js';

/** Links to the runs related to this one: its parent, the run it reruns, its children. */
export function RunLinks({ model }: { model: RunModel }) {
  if (!model.parentRunId && !model.rerunOf && model.children.length === 0) return null;
  return (
    <div className="run-links">
      {model.parentRunId && (
        <span>
          parent{' '}
          <a className="mono" href={runHref(model.parentRunId)} data-testid="parent-link" title={model.parentRunId}>
            {shortId(model.parentRunId)}
          </a>
        </span>
      )}
      {model.rerunOf && (
        <span>
          rerun of{' '}
          <a className="mono" href={runHref(model.rerunOf)} data-testid="rerun-of-link" title={model.rerunOf}>
            {shortId(model.rerunOf)}
          </a>
        </span>
      )}
      {model.children.length > 0 && (
        <span>
          children{' '}
          {model.children.map((child) => (
            <a
              key={child.runId}
              className="mono child-link"
              href={runHref(child.runId)}
              data-testid="child-link"
              title={`${child.runId} (from ${child.step})`}
            >
              {shortId(child.runId)}
            </a>
          ))}
        </span>
      )}
    </div>
  );
}
