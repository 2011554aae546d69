import { WorkflowDefinitionError } from '../errors/workflow-definition.error.js';
import { messages } from '../errors/messages.js';
import { getDecoratedMethods, getMisuses, getWorkflowMetadata } from '../metadata/workflow-metadata.accessor.js';
import { validateOptions } from '../options/validate-options.js';
import { WorkflowOptionsSchema } from '../options/workflow-options.schema.js';
import type { Type, WorkflowOptions } from '../options/workflow-options.js';
import type { CompiledStep, CompiledWorkflow } from './compiled-workflow.js';
import { findCycles } from './find-cycles.js';
import { graphHash } from './graph-hash.js';
import { ProblemList } from './problem-list.js';
import { readSteps } from './read-steps.js';
import { resolveDependencies, type ResolvedStep } from './resolve-dependencies.js';
import type { StepDraft } from './step-draft.js';
import type { StepNode, WorkflowGraph } from './workflow-graph.js';

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
  validateOptions('Workflow', WorkflowOptionsSchema, options).forEach((m) =>
    problems.add(undefined, messages.invalidOption(m)),
  );
  for (const misuse of getMisuses(target)) problems.add(misuse.member, `${misuse.problem}.`);

  const methods = getDecoratedMethods(target);
  const drafts = readSteps(target, methods, problems);
  if (drafts.length === 0) problems.add(undefined, messages.noSteps());
  const resolved = resolveDependencies(drafts, problems);
  const names = drafts.map((d) => d.name);
  const dependsOn = new Map([...resolved].map(([name, step]) => [name, step.dependsOn]));
  for (const cycle of findCycles(names, dependsOn)) problems.add(cycle[0], messages.cycle(cycle));
  if (typeof options.output === 'string' && !names.includes(options.output)) {
    problems.add(undefined, messages.unknownOutput(options.output, names));
  }
  if (problems.items.length > 0)
    throw new WorkflowDefinitionError(className, problems.inOrder(methods.map((m) => m.name)));

  const graph = buildGraph(options.name ?? className, options, drafts, resolved);
  const steps: Record<string, CompiledStep> = {};
  for (const draft of drafts) steps[draft.name] = draft.code;
  const compiled: CompiledWorkflow = { graph, target, steps };
  if (options.input) compiled.inputClass = options.input;
  return compiled;
}

/** Builds the JSON graph with a fixed key order, omitting absent optional fields. */
function buildGraph(
  name: string,
  options: WorkflowOptions,
  drafts: readonly StepDraft[],
  resolved: ReadonlyMap<string, ResolvedStep>,
): WorkflowGraph {
  const steps = drafts.map((draft): StepNode => {
    const { dependsOn, group } = resolved.get(draft.name)!;
    const node: StepNode = {
      name: draft.name,
      kind: draft.kind,
      dependsOn,
      ...(draft.routes && { routes: draft.routes }),
      ...(group !== undefined && { group }),
      retry: { ...draft.retry },
      ...(draft.timeoutMs !== undefined && { timeoutMs: draft.timeoutMs }),
      fallback: draft.code.fallback !== undefined,
      ...(draft.concurrency !== undefined && { concurrency: draft.concurrency }),
      ...(draft.description !== undefined && { description: draft.description }),
    };
    return node;
  });
  const body = {
    ...(options.description !== undefined && { description: options.description }),
    ...(options.input && { input: options.input.name }),
    ...(options.output !== undefined && { output: options.output }),
    ...(options.timeout !== undefined && { timeoutMs: options.timeout }),
    steps,
  };
  const version = options.version ?? graphHash(JSON.stringify({ name, ...body }));
  return { name, version, ...body };
}
