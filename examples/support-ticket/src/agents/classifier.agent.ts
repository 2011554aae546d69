import { NonRetryableError } from '@baton/sdk';
import type { TicketInput } from '../ticket.input.js';
import type { Classification } from './ticket.types.js';

const BILLING_WORDS = ['refund', 'invoice', 'charge', 'charged', 'billing', 'payment', 'price', 'subscription', 'plan'];

/**
 * A deterministic keyword classifier: billing words make a billing ticket, anything else is a bug report. A
 * ticket without a single word (only digits and punctuation) cannot be classified: that fails for good, as
 * retrying would read the same text (`SAMPLE_TICKETS.unreadable`).
 */
export class ClassifierAgent {
  classify(ticket: TicketInput): Classification {
    const words = `${ticket.subject} ${ticket.body}`
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w !== '');
    if (words.length === 0)
      throw new NonRetryableError(
        'ClassifierAgent.classify: the ticket has no words to classify (its subject and body hold only digits ' +
          'and punctuation). Ask the customer to describe the problem in words, then rerun.',
      );
    const matched = BILLING_WORDS.filter((w) => words.includes(w));
    return { kind: matched.length > 0 ? 'billing' : 'bug', matched };
  }
}
