import type { RunModel } from '../lib/run-model.js';
import { budgetLines } from '../lib/budget-use.js';

/**
 * What the run spent, for the run header's facts: steps executed, tokens, cost and the steps' own
 * counters, each against the workflow's budget when it caps it; the cap that failed the run is marked.
 */
export function RunUsageFacts({ model }: { model: RunModel }) {
  return (
    <>
      {budgetLines(model.usage, model.budget, model.error).map((line) => (
        <div
          key={line.counter}
          className={line.over ? 'is-over' : undefined}
          data-testid={`run-usage-${line.counter}`}
          data-over={line.over}
          title={line.cap !== undefined ? `${line.label}: spent / the workflow's budget` : `${line.label} spent`}
        >
          <dt>
            {line.label}
            {line.cap !== undefined && <span className="budget-mark"> / budget</span>}
          </dt>
          <dd className="num">
            {line.text}
            {line.over && <span className="tag tag-over">over budget</span>}
          </dd>
        </div>
      ))}
    </>
  );
}
