import type { TicketInput } from '../ticket.input.js';
import type { AccountLookup, Analysis, Article, Reply } from './ticket.types.js';

/** What the drafting agent reads from earlier steps. */
export interface DraftResults {
  billingAgent?: Analysis;
  bugAgent?: Analysis;
  accountLookup: AccountLookup;
  kbSearch: Article[];
}

/** The reply sent when the account could not be looked up: safe, and promising a human follow-up. */
export const SAFE_DEFAULT_REPLY =
  'Thanks for reaching out. We could not load your account details just now, so a member of our team will follow up personally within one business day.';

/** Writes the reply from the specialist's analysis, the account and the matching articles. */
export class DraftingAgent {
  draft(ticket: TicketInput, results: DraftResults): Reply {
    const analysis = results.billingAgent ?? results.bugAgent;
    if (!analysis) throw new Error('draft needs the analysis of billingAgent or bugAgent');
    const articles = results.kbSearch.map((a) => a.title);
    const { account } = results.accountLookup;
    const greeting = account ? `Hi ${account.name} (${account.plan} plan),` : 'Hi,';
    const body = account
      ? [
          greeting,
          analysis.summary,
          articles.length ? `These articles may help: ${articles.join('; ')}.` : 'We are on it.',
        ].join(' ')
      : `${greeting} ${SAFE_DEFAULT_REPLY}`;
    return { to: ticket.customerEmail, subject: `Re: ${ticket.subject}`, body, agent: analysis.agent, articles };
  }
}
