export { SupportTicketWorkflow } from './support-ticket.workflow.js';
export { TicketInput } from './ticket.input.js';
export { Approval } from './approval.payload.js';
export { ClassifierAgent } from './agents/classifier.agent.js';
export { BillingAgent } from './agents/billing.agent.js';
export { BugAgent } from './agents/bug.agent.js';
export {
  DraftingAgent,
  SAFE_DEFAULT_REPLY,
  WORDS_PER_CHUNK,
  greetingFor,
  type DraftListener,
  type DraftResults,
} from './agents/drafting.agent.js';
export {
  ApprovalAgent,
  APPROVAL_THRESHOLD_EUR,
  APPROVAL_TIMEOUT_MS,
  type ApprovalResults,
} from './agents/approval.agent.js';
export type { Account, AccountLookup, Analysis, Article, Classification, Reply } from './agents/ticket.types.js';
export { CrmService, HANGING_CUSTOMERS } from './services/crm.service.js';
export { KnowledgeBaseService } from './services/knowledge-base.service.js';
export { OutboxService } from './services/outbox.service.js';
export { SupportTicketModule, SUPPORT_TICKET_PROVIDERS, AppModule } from './support-ticket.module.js';
export { SAMPLE_TICKETS } from './sample-tickets.js';
export { approveCommand, awaitingApproval, type RunReader } from './awaiting-approval.js';
