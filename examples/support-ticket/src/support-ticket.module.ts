import { Module } from '@nestjs/common';
import { BatonModule } from '@baton/runtime';
import { ApprovalAgent } from './agents/approval.agent.js';
import { BillingAgent } from './agents/billing.agent.js';
import { BugAgent } from './agents/bug.agent.js';
import { ClassifierAgent } from './agents/classifier.agent.js';
import { DraftingAgent } from './agents/drafting.agent.js';
import { CrmService } from './services/crm.service.js';
import { KnowledgeBaseService } from './services/knowledge-base.service.js';
import { OutboxService } from './services/outbox.service.js';
import { SupportTicketWorkflow } from './support-ticket.workflow.js';

/** The agents and services the support-ticket workflow is built from (no Baton module). */
export const SUPPORT_TICKET_PROVIDERS = [
  SupportTicketWorkflow,
  ClassifierAgent,
  BillingAgent,
  BugAgent,
  DraftingAgent,
  CrmService,
  KnowledgeBaseService,
  ApprovalAgent,
  OutboxService,
];

/** The support-ticket feature: the workflow and its agents as ordinary providers. */
@Module({ providers: SUPPORT_TICKET_PROVIDERS, exports: SUPPORT_TICKET_PROVIDERS })
export class SupportTicketModule {}

/** The example application: Baton on the in-process transport plus the support-ticket feature. */
@Module({ imports: [BatonModule.forRoot({ transport: 'memory' }), SupportTicketModule] })
export class AppModule {}
