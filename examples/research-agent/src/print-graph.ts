import { compileWorkflow, toMermaid } from '@baton/sdk';
import { ResearchAgentWorkflow } from './research-agent.workflow.js';

/** Prints the research-agent workflow's compiled graph as JSON and as a Mermaid flowchart. */
const graph = compileWorkflow(ResearchAgentWorkflow);
process.stdout.write(`${JSON.stringify(graph, null, 2)}\n\n${toMermaid(graph)}`);
