import type { TicketInput } from '../ticket.input.js';
import type { Analysis } from './ticket.types.js';

/** The bug triager: crashes and data loss are high priority, the rest normal. */
export class BugAgent {
  analyse(ticket: TicketInput): Analysis {
    const text = `${ticket.subject} ${ticket.body}`.toLowerCase();
    const severe = /crash|data loss|lost|down|500/.test(text);
    return {
      agent: 'bug',
      summary: severe ? 'Customer reports a severe malfunction.' : 'Customer reports unexpected behaviour.',
      priority: severe ? 'high' : 'normal',
    };
  }
}
