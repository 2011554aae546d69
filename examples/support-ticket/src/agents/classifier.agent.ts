import type { TicketInput } from '../ticket.input.js';
import type { Classification } from './ticket.types.js';

const BILLING_WORDS = ['refund', 'invoice', 'charge', 'charged', 'billing', 'payment', 'price', 'subscription', 'plan'];

/** A deterministic keyword classifier: billing words make a billing ticket, anything else is a bug report. */
export class ClassifierAgent {
  classify(ticket: TicketInput): Classification {
    const words = `${ticket.subject} ${ticket.body}`.toLowerCase().split(/[^a-z]+/);
    const matched = BILLING_WORDS.filter((w) => words.includes(w));
    return { kind: matched.length > 0 ? 'billing' : 'bug', matched };
  }
}
