export { SupportTicketWorkflow } from './support-ticket.workflow.js';
export { TicketInput } from './ticket.input.js';
export { ClassifierAgent } from './agents/classifier.agent.js';
export { BillingAgent } from './agents/billing.agent.js';
export { BugAgent } from './agents/bug.agent.js';
export { DraftingAgent, SAFE_DEFAULT_REPLY, type DraftResults } from './agents/drafting.agent.js';
export type { Account, AccountLookup, Analysis, Article, Classification, Reply } from './agents/ticket.types.js';
export { CrmService, HANGING_CUSTOMERS } from './services/crm.service.js';
export { KnowledgeBaseService } from './services/knowledge-base.service.js';
