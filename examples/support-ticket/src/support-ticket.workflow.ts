import { Fallback, Parallel, Retry, Route, Step, Timeout, Workflow, type StepContext } from '@baton/sdk';
import { BillingAgent } from './agents/billing.agent.js';
import { BugAgent } from './agents/bug.agent.js';
import { ClassifierAgent } from './agents/classifier.agent.js';
import { DraftingAgent, type DraftResults } from './agents/drafting.agent.js';
import type { AccountLookup, Classification } from './agents/ticket.types.js';
import { CrmService } from './services/crm.service.js';
import { KnowledgeBaseService } from './services/knowledge-base.service.js';
import { TicketInput } from './ticket.input.js';

@Workflow({ name: 'support-ticket', input: TicketInput, output: 'draft', timeout: 60_000 })
export class SupportTicketWorkflow {
  constructor(
    private readonly classifier: ClassifierAgent,
    private readonly billing: BillingAgent,
    private readonly bugs: BugAgent,
    private readonly crm: CrmService,
    private readonly kb: KnowledgeBaseService,
    private readonly writer: DraftingAgent,
  ) {}

  @Step()
  classify(ctx: StepContext<TicketInput>) {
    return this.classifier.classify(ctx.input);
  }

  @Route(['billingAgent', 'bugAgent'])
  route(ctx: StepContext<TicketInput, { classify: Classification }>) {
    return ctx.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent';
  }

  @Step() billingAgent(ctx: StepContext<TicketInput>) {
    return this.billing.analyse(ctx.input);
  }
  @Step() bugAgent(ctx: StepContext<TicketInput>) {
    return this.bugs.analyse(ctx.input);
  }

  @Parallel()
  @Retry({ attempts: 2, delay: 200 })
  @Timeout(2_000)
  @Fallback((): AccountLookup => ({ account: null }))
  @Step()
  accountLookup(ctx: StepContext<TicketInput>) {
    return this.crm.lookup(ctx.input.customerEmail, ctx.signal);
  }

  @Parallel() @Step() kbSearch(ctx: StepContext<TicketInput>) {
    return this.kb.search(ctx.input.body);
  }

  @Step() draft(ctx: StepContext<TicketInput, DraftResults>) {
    return this.writer.draft(ctx.input, ctx.results);
  }
}
