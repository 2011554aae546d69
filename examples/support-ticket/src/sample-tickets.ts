import type { TicketInput } from './ticket.input.js';

/** A handful of tickets that exercise every path: billing, bug, unknown customer, hanging CRM lookup. */
export const SAMPLE_TICKETS: Record<string, TicketInput> = {
  billing: {
    subject: 'Refund please',
    body: 'I was charged twice this month and want a refund.',
    customerEmail: 'ada@acme.example',
  },
  bug: {
    subject: 'App crashes',
    body: 'The app crashes on start since the update.',
    customerEmail: 'bob@startup.example',
  },
  unknownCustomer: {
    subject: 'Invoice question',
    body: 'Where can I find the VAT on my invoice?',
    customerEmail: 'new@nowhere.example',
  },
  hangingLookup: {
    subject: 'Lost data',
    body: 'I lost data after syncing; please help me restore it.',
    customerEmail: 'slow@hang.example',
  },
};
