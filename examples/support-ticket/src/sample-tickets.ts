import type { TicketInput } from './ticket.input.js';

/**
 * A handful of tickets that exercise every path: billing, bug, unknown customer, hanging CRM lookup, a
 * refund over `APPROVAL_THRESHOLD_EUR` whose reply waits for a supervisor's approval, and an unreadable
 * ticket (no words at all) that the classifier rejects, so its run fails for good.
 */
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
  largeRefund: {
    subject: 'Refund for the annual plan',
    body: 'I cancelled my annual plan the day after I was charged 1,200 EUR. Please refund it.',
    customerEmail: 'ada@acme.example',
    amount: 1_200,
  },
  unreadable: {
    subject: '???',
    body: '!!! 404 ... 500 !!!',
    customerEmail: 'eve@garbled.example',
  },
};
