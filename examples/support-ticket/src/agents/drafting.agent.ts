import type { TicketInput } from '../ticket.input.js';
import type { Account, AccountLookup, Analysis, Article, Reply } from './ticket.types.js';

/** What the drafting agent reads from earlier steps. */
export interface DraftResults {
  billingAgent?: Analysis;
  bugAgent?: Analysis;
  accountLookup: AccountLookup;
  kbSearch: Article[];
}

/** Receives the reply's body as it is written: the text so far, the last call with all of it. */
export type DraftListener = (textSoFar: string) => void;

/** The reply sent when the account could not be looked up: safe, and promising a human follow-up. */
export const SAFE_DEFAULT_REPLY =
  'Thanks for reaching out. We could not load your account details just now, so a member of our team will follow up personally within one business day.';

/** How many words each partial text adds while a reply is written. */
export const WORDS_PER_CHUNK = 5;

/** The reply's salutation: the customer's name and plan when the account is known. */
export function greetingFor(account: Account | null): string {
  return account ? `Hi ${account.name} (${account.plan} plan),` : 'Hi,';
}

/** Writes the reply from the specialist's analysis, the account and the matching articles. */
export class DraftingAgent {
  /** Drafts the reply; `onText` (when given) receives its body a few words at a time, as a model would stream it. */
  draft(ticket: TicketInput, results: DraftResults, onText?: DraftListener): Reply {
    const analysis = results.billingAgent ?? results.bugAgent;
    if (!analysis) throw new Error('draft needs the analysis of billingAgent or bugAgent');
    const articles = results.kbSearch.map((a) => a.title);
    const { account } = results.accountLookup;
    const greeting = greetingFor(account);
    const body = account
      ? [
          greeting,
          analysis.summary,
          articles.length ? `These articles may help: ${articles.join('; ')}.` : 'We are on it.',
        ].join(' ')
      : `${greeting} ${SAFE_DEFAULT_REPLY}`;
    if (onText) streamWords(body, onText);
    return { to: ticket.customerEmail, subject: `Re: ${ticket.subject}`, body, agent: analysis.agent, articles };
  }
}

/** Calls `onText` with the first {@link WORDS_PER_CHUNK} words of `text`, then the first 2×, … up to all of it. */
function streamWords(text: string, onText: DraftListener): void {
  const words = text.split(' ');
  for (let end = WORDS_PER_CHUNK; end < words.length + WORDS_PER_CHUNK; end += WORDS_PER_CHUNK) {
    onText(words.slice(0, end).join(' '));
  }
}
