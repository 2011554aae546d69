import { WorkflowDefinitionError } from '../errors/workflow-definition.error.js';
import { messages } from '../errors/messages.js';
import { getDecoratedMethods, getMisuses, getWorkflowMetadata } from '../metadata/workflow-metadata.accessor.js';
import { BudgetSchema } from '../options/budget.schema.js';
import { validateOptions } from '../options/validate-options.js';
import { WorkflowOptionsSchema } from '../options/workflow-options.schema.js';
import type { Type, WorkflowOptions } from '../options/workflow-options.js';
import type { CompiledStep, CompiledWorkflow } from './compiled-workflow.js';
import { buildGraph } from './build-graph.js';
import { findCycles } from './find-cycles.js';
import { findLoops } from './find-loops.js';
import { ProblemList } from './problem-list.js';
import { readSteps } from './read-steps.js';
import { resolveDependencies } from './resolve-dependencies.js';
import { mapRouteTargets } from './route-targets.js';
import type { WorkflowGraph } from './workflow-graph.js';

/**
 * Compiles a `@Workflow` class into its execution graph: plain, deterministic JSON (the same class always
 * gives byte-identical JSON).
 *
 * @throws WorkflowDefinitionError listing every problem of the class, each naming `Class.method`
 * @example
 * const graph = compileWorkflow(SupportTicketWorkflow);
 * graph.steps.find((s) => s.name === 'draft')?.dependsOn; // ['accountLookup', 'kbSearch']
 */
export function compileWorkflow(target: Type): WorkflowGraph {
  return compileWorkflowDefinition(target).graph;
}

/**
 * Compiles a `@Workflow` class into its graph plus the code the runtime needs beside it (retry
 * predicates, fallbacks, forEach functions, the input class).
 *
 * @throws WorkflowDefinitionError listing every problem of the class, each naming `Class.method`
 */
export function compileWorkflowDefinition(target: Type): CompiledWorkflow {
  const className = typeof target === 'function' && target.name ? target.name : '(anonymous class)';
  const problems = new ProblemList(className);
  const metadata = typeof target === 'function' ? getWorkflowMetadata(target) : undefined;
  if (!metadata)
    throw new WorkflowDefinitionError(className, [{ workflow: className, message: messages.notAWorkflow(className) }]);

  const options: WorkflowOptions = metadata.options ?? {};
  validateOptions('Workflow', WorkflowOptionsSchema, options, { budget: BudgetSchema }).forEach((m) =>
    problems.add(undefined, messages.invalidOption(m)),
  );
  for (const misuse of getMisuses(target)) problems.add(misuse.member, `${misuse.problem}.`);

  const methods = getDecoratedMethods(target);
  const drafts = readSteps(target, methods, problems);
  if (drafts.length === 0) problems.add(undefined, messages.noSteps());
  const targets = mapRouteTargets(drafts, problems);
  const resolved = resolveDependencies(drafts, targets, problems);
  const names = drafts.map((d) => d.name);
  const dependsOn = new Map([...resolved].map(([name, step]) => [name, step.dependsOn]));
  const cycles = findCycles(names, dependsOn);
  for (const cycle of cycles) problems.add(cycle[0], messages.cycle(cycle));
  const loops = findLoops(drafts, dependsOn, targets, problems, cycles.length === 0);
  // A wait (or delay) longer than the whole run could never end on its own: the run's timeout would come first.
  if (typeof options.timeout === 'number') {
    for (const draft of drafts) {
      const waitMs = draft.wait?.timeoutMs ?? (draft.delay && 'ms' in draft.delay ? draft.delay.ms : undefined);
      if (waitMs !== undefined && waitMs >= options.timeout)
        problems.add(
          draft.name,
          messages.waitOutlastsRun(draft.wait ? '@WaitFor timeout' : '@Delay', waitMs, options.timeout),
        );
    }
  }
  if (typeof options.output === 'string' && !names.includes(options.output)) {
    problems.add(undefined, messages.unknownOutput(options.output, names));
  }
  if (problems.items.length > 0)
    throw new WorkflowDefinitionError(className, problems.inOrder(methods.map((m) => m.name)));

  const graph = buildGraph(options.name ?? className, options, drafts, resolved, targets, loops);
  const steps: Record<string, CompiledStep> = {};
  for (const draft of drafts) steps[draft.name] = draft.code;
  const compiled: CompiledWorkflow = { graph, target, steps };
  if (options.input) compiled.inputClass = options.input;
  return compiled;
}
