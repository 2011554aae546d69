import { registerWorkflow } from '../metadata/register.js';
import type { Type, WorkflowOptions } from '../options/workflow-options.js';

/**
 * Marks a class as a workflow. Its decorated methods are its steps; the runtime discovers it as an
 * ordinary provider, so constructor injection works as in any NestJS service.
 *
 * @example
 * @Workflow({ name: 'support-ticket', input: TicketInput, timeout: 60_000 })
 * export class SupportTicketWorkflow { ... }
 */
export function Workflow(options: WorkflowOptions = {}): ClassDecorator {
  return (target) => registerWorkflow(target as unknown as Type, options);
}
