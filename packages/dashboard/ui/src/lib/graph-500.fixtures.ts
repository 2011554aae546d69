import type { StepNode, WorkflowGraph } from '@baton/sdk';

const RETRY = { attempts: 1, backoff: 'exponential' as const, delay: 1000, jitter: 0 };
const step = (name: string, dependsOn: string[], extra: Partial<StepNode> = {}): StepNode => ({
  name,
  kind: 'step',
  dependsOn,
  retry: RETRY,
  fallback: false,
  ...extra,
});

/** Parallel groups of {@link GROUP_SIZE} steps in {@link GRAPH_500}, each followed by a merge step. */
export const GROUPS = 44;
export const GROUP_SIZE = 10;
/** Steps of the loop body of {@link GRAPH_500}: its back target, the steps between, and its route. */
export const LOOP_BODY = 14;

/**
 * A 500-step graph shaped like the browser test's workflow: start → 44 × (a parallel group of 10 → a merge)
 * → a loop body of 14 steps (≤ 3 passes) → finish.
 */
export function graph500(): WorkflowGraph {
  const steps: StepNode[] = [step('start', [])];
  let previous = ['start'];
  for (let g = 1; g <= GROUPS; g++) {
    const members = Array.from({ length: GROUP_SIZE }, (_, i) => `b${g}s${i + 1}`);
    for (const name of members) steps.push(step(name, previous, { group: `batch${g}` }));
    steps.push(step(`merge${g}`, members));
    previous = [`merge${g}`];
  }
  const body = ['draft'];
  steps.push(step('draft', previous));
  for (let i = 1; i <= LOOP_BODY - 2; i++) {
    body.push(`review${i}`);
    steps.push(step(`review${i}`, [body[body.length - 2]]));
  }
  body.push('check');
  steps.push(
    step('check', [body[body.length - 2]], {
      kind: 'route',
      routes: ['draft', 'finish'],
      backTargets: ['draft'],
      maxIterations: 3,
    }),
  );
  steps.push(step('finish', ['check']));
  return {
    name: 'graph-500',
    version: 'v1',
    steps,
    loops: [{ router: 'check', target: 'draft', body, maxIterations: 3 }],
  };
}
