import { Fallback, Parallel, Retry, Route, Step, Timeout, WaitFor, Workflow, type StepContext } from '@baton/sdk';
import { ApprovalAgent, APPROVAL_TIMEOUT_MS, type ApprovalResults } from './agents/approval.agent.js';
import { BillingAgent } from './agents/billing.agent.js';
import { BugAgent } from './agents/bug.agent.js';
import { ClassifierAgent } from './agents/classifier.agent.js';
import { DraftingAgent, type DraftResults } from './agents/drafting.agent.js';
import type { AccountLookup, Classification, Reply } from './agents/ticket.types.js';
import { Approval } from './approval.payload.js';
import { CrmService } from './services/crm.service.js';
import { KnowledgeBaseService } from './services/knowledge-base.service.js';
import { OutboxService } from './services/outbox.service.js';
import { TicketInput } from './ticket.input.js';

/**
 * A ticket classified, routed, enriched in parallel and drafted; large refunds approved; then sent. A run may
 * wait a day for the supervisor, plus a minute for everything else (its `timeout`).
 */
@Workflow({ name: 'support-ticket', input: TicketInput, output: 'send', timeout: APPROVAL_TIMEOUT_MS + 60_000 })
export class SupportTicketWorkflow {
  constructor(
    private readonly classifier: ClassifierAgent,
    private readonly billing: BillingAgent,
    private readonly bugs: BugAgent,
    private readonly crm: CrmService,
    private readonly kb: KnowledgeBaseService,
    private readonly writer: DraftingAgent,
    private readonly approvals: ApprovalAgent,
    private readonly outbox: OutboxService,
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

  // Streams the reply's text, as it is written, to whoever follows the run (client.progress).
  @Step() draft(ctx: StepContext<TicketInput, DraftResults>) {
    return this.writer.draft(ctx.input, ctx.results, (text) => ctx.progress({ text }));
  }

  // Billing tickets over the threshold go to `approval`; for the others it chooses none, skipping it.
  @Route(['approval'])
  needsApproval(ctx: StepContext<TicketInput, { classify: Classification }>) {
    return this.approvals.needsApproval(ctx.input, ctx.results.classify) ? 'approval' : [];
  }

  // Waits, holding no worker, until a supervisor sends the `approval` signal; after 24 h, `escalate`.
  @WaitFor('approval', { payload: Approval, timeout: APPROVAL_TIMEOUT_MS })
  @Fallback('escalate')
  @Step()
  approval(ctx: StepContext<TicketInput, ApprovalResults, unknown, Approval>) {
    return this.approvals.apply(ctx.received!, ctx.results);
  }

  // `approval`'s fallback: nobody answered in time, so a person takes the ticket over.
  escalate(ctx: StepContext<TicketInput, ApprovalResults>) {
    return this.approvals.escalate(ctx.results);
  }

  // Runs once `needsApproval` chose and, when it chose `approval`, once the supervisor answered.
  @Step({ after: ['needsApproval', 'approval'] })
  send(ctx: StepContext<TicketInput, { draft: Reply; approval?: Reply }>) {
    return this.outbox.send(ctx.results.approval ?? ctx.results.draft, ctx.idempotencyKey);
  }
}
