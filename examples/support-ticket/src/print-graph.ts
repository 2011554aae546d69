import { compileWorkflow, toMermaid } from '@baton/sdk';
import { SupportTicketWorkflow } from './support-ticket.workflow.js';

/** Prints the support-ticket workflow's compiled graph as JSON and as a Mermaid flowchart. */
const graph = compileWorkflow(SupportTicketWorkflow);
process.stdout.write(`${JSON.stringify(graph, null, 2)}\n\n${toMermaid(graph)}`);
