import type { TicketInput } from '../ticket.input.js';
import type { Analysis } from './ticket.types.js';

/** The billing specialist: flags refunds and double charges as high priority. */
export class BillingAgent {
  analyse(ticket: TicketInput): Analysis {
    const text = `${ticket.subject} ${ticket.body}`.toLowerCase();
    const urgent = /refund|twice|double/.test(text);
    return {
      agent: 'billing',
      summary: urgent ? 'Customer asks for money back.' : 'Customer has a billing question.',
      priority: urgent ? 'high' : 'normal',
    };
  }
}
