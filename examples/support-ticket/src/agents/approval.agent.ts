import type { Approval } from '../approval.payload.js';
import type { TicketInput } from '../ticket.input.js';
import { greetingFor } from './drafting.agent.js';
import type { AccountLookup, Classification, Reply } from './ticket.types.js';

/** Billing tickets over this amount, in euros, wait for a supervisor's approval before their reply is sent. */
export const APPROVAL_THRESHOLD_EUR = 500;

/** How long a reply waits for the supervisor before it is escalated: 24 h, in milliseconds. */
export const APPROVAL_TIMEOUT_MS = 24 * 60 * 60 * 1_000;

/** What the approval step reads from earlier steps. */
export interface ApprovalResults {
  draft: Reply;
  accountLookup: AccountLookup;
}

/**
 * The supervisor's desk: decides which replies need an approval, and turns the supervisor's answer (or
 * their silence) into the reply to send.
 */
export class ApprovalAgent {
  /** The amount above which a billing reply needs an approval, in euros (override the provider to change it). */
  readonly thresholdEur: number = APPROVAL_THRESHOLD_EUR;

  /** True for a billing ticket whose amount is over {@link ApprovalAgent.thresholdEur}. */
  needsApproval(ticket: TicketInput, classification: Classification): boolean {
    return classification.kind === 'billing' && (ticket.amount ?? 0) > this.thresholdEur;
  }

  /** Approved: the drafted reply as it is. Rejected: a polite refusal quoting the supervisor's comment. */
  apply(approval: Approval, results: ApprovalResults): Reply {
    if (approval.decision === 'approve') return results.draft;
    const note = approval.comment ? ` A note from our team: "${approval.comment}"` : '';
    return this.rewrite(
      results,
      `Thank you for your patience. We looked at your request carefully and are sorry that we cannot approve it.${note} If anything is unclear, just reply to this message.`,
    );
  }

  /** Nobody answered in time: the customer hears that a person has taken the request over. */
  escalate(results: ApprovalResults): Reply {
    return this.rewrite(
      results,
      'Thank you for your patience. Your request needs a closer look, so we have escalated it to a member of our team, who will get back to you personally within one business day.',
    );
  }

  private rewrite({ draft, accountLookup }: ApprovalResults, text: string): Reply {
    return { ...draft, body: `${greetingFor(accountLookup.account)} ${text}` };
  }
}
