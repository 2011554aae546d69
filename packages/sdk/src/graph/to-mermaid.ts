import { formatDuration } from './format-duration.js';
import type { StepNode, StepWait, WorkflowGraph } from './workflow-graph.js';

const RESERVED = /^(end|graph|subgraph|flowchart|style|class|classDef|click|linkStyle|direction|default)$/i;

/** A Mermaid-safe node id for a step name. */
function id(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_');
  return RESERVED.test(safe) ? `${safe}_` : safe;
}

/** The node's label: its name, plus its join, wait or delay, and recovery settings when it has any. */
function label(step: StepNode): string {
  const notes: string[] = [];
  if (step.join !== undefined) notes.push(`join: ${step.join}`);
  if (step.kind === 'forEach') notes.push(step.concurrency ? `forEach ×${step.concurrency}` : 'forEach');
  if (step.wait !== undefined) notes.push(waitNote(step.wait));
  if (step.delay !== undefined)
    notes.push('ms' in step.delay ? `delay ${formatDuration(step.delay.ms)}` : 'delay (dynamic)');
  if (step.retry.attempts > 1) notes.push(`retry ${step.retry.attempts}`);
  if (step.timeoutMs !== undefined) notes.push(`timeout ${step.timeoutMs} ms`);
  if (step.fallback) notes.push('fallback');
  return notes.length ? `${step.name}<br/><small>${notes.join(' · ')}</small>` : step.name;
}

/** `waits approve`, plus ` ≤ 24 h` when the wait has a timeout. */
function waitNote(wait: StepWait): string {
  return wait.timeoutMs === undefined
    ? `waits ${wait.signal}`
    : `waits ${wait.signal} ≤ ${formatDuration(wait.timeoutMs)}`;
}

/** The node with a shape for its kind: a diamond for a route, a subroutine box for forEach. */
function node(step: StepNode): string {
  const text = JSON.stringify(label(step));
  if (step.kind === 'route') return `${id(step.name)}{${text}}`;
  if (step.kind === 'forEach') return `${id(step.name)}[[${text}]]`;
  return `${id(step.name)}[${text}]`;
}

/**
 * Renders a graph as a Mermaid flowchart for docs: routes as labelled dotted edges, `@Parallel` groups
 * as subgraphs, joins, waits (`waits approve ≤ 24 h`), delays (`delay 5 s`) and recovery settings in the
 * node labels, and each loop as a dotted edge from its route back to its target, labelled with the cap
 * (`critique -.->|"loop ≤3"| write`), after the others.
 *
 * @example
 * console.log(toMermaid(compileWorkflow(SupportTicketWorkflow)));
 */
export function toMermaid(graph: WorkflowGraph): string {
  const lines = ['flowchart TD'];
  const grouped = new Map<string, StepNode[]>();
  for (const step of graph.steps)
    if (step.group !== undefined) grouped.set(step.group, [...(grouped.get(step.group) ?? []), step]);
  for (const step of graph.steps) {
    if (step.group === undefined) {
      lines.push(`  ${node(step)}`);
    } else if (grouped.get(step.group)![0] === step) {
      const title = step.group.startsWith('parallel:') ? 'parallel' : `parallel: ${step.group}`;
      lines.push(`  subgraph ${id(`group_${step.group}`)}[${JSON.stringify(title)}]`);
      for (const member of grouped.get(step.group)!) lines.push(`    ${node(member)}`);
      lines.push('  end');
    }
  }
  const routesTo = new Map<string, string>();
  for (const step of graph.steps) for (const target of step.routes ?? []) routesTo.set(target, step.name);
  for (const step of graph.steps) {
    for (const dep of step.dependsOn) {
      const edge = routesTo.get(step.name) === dep ? `-.->|${step.name}|` : '-->';
      lines.push(`  ${id(dep)} ${edge} ${id(step.name)}`);
    }
  }
  for (const loop of graph.loops ?? []) {
    const cap = JSON.stringify(`loop ≤${loop.maxIterations}`);
    lines.push(`  ${id(loop.router)} -.->|${cap}| ${id(loop.target)}`);
  }
  return `${lines.join('\n')}\n`;
}
