/**
 * The support-ticket example's shape (examples/support-ticket) without its timers, the one ticket workflow
 * of every benchmark: classify → route to one of two agents → accountLookup ∥ kbSearch → draft, six steps
 * per ticket. `accountLookup` keeps its retry policy and fallback (they cost nothing unless it fails);
 * its `@Timeout` and the workflow's `timeout` are left out. Steps do a little real work and resolve at once.
 */
import {
  registerFallback,
  registerParallel,
  registerRetry,
  registerRoute,
  registerStep,
  registerWorkflow,
} from '@baton/sdk';

/** Defines the ticket workflow under `name` (each process registers the classes it serves). */
export function ticketWorkflow(name) {
  const Ticket = {
    [name]: class {
      classify(ctx) {
        const text = `${ctx.input.subject} ${ctx.input.body}`.toLowerCase();
        return Promise.resolve({ kind: /refund|invoice|charge/.test(text) ? 'billing' : 'bug', confidence: 0.9 });
      }
      route(ctx) {
        return ctx.results.classify.kind === 'billing' ? 'billingAgent' : 'bugAgent';
      }
      billingAgent(ctx) {
        return Promise.resolve({ summary: `billing: ${ctx.input.subject}`, refund: true });
      }
      bugAgent(ctx) {
        return Promise.resolve({ summary: `bug: ${ctx.input.subject}`, severity: 'minor' });
      }
      accountLookup(ctx) {
        return Promise.resolve({ account: { email: ctx.input.customerEmail, plan: 'pro' } });
      }
      kbSearch(ctx) {
        return Promise.resolve({ articles: ctx.input.body.split(' ').slice(0, 3) });
      }
      draft(ctx) {
        const r = ctx.results;
        const agent = r.billingAgent ?? r.bugAgent;
        return Promise.resolve({
          reply: `Hello ${r.accountLookup.account?.email ?? 'there'}: ${agent.summary} (${r.kbSearch.articles.length} articles)`,
        });
      }
    },
  }[name];
  registerWorkflow(Ticket, { name, output: 'draft' });
  registerStep(Ticket, 'classify');
  registerRoute(Ticket, 'route', ['billingAgent', 'bugAgent']);
  registerStep(Ticket, 'billingAgent');
  registerStep(Ticket, 'bugAgent');
  registerParallel(Ticket, 'accountLookup');
  registerRetry(Ticket, 'accountLookup', { attempts: 2, delay: 200 });
  registerFallback(Ticket, 'accountLookup', () => ({ account: null }));
  registerStep(Ticket, 'accountLookup');
  registerParallel(Ticket, 'kbSearch');
  registerStep(Ticket, 'kbSearch');
  registerStep(Ticket, 'draft');
  return Ticket;
}

/** Ticket inputs, alternating between the two routes (even `i`: billing; odd: a bug report). */
export function ticket(i) {
  return i % 2 === 0
    ? {
        subject: `Refund for order ${i}`,
        body: 'I was charged twice for my invoice this month',
        customerEmail: `c${i}@example.com`,
      }
    : {
        subject: `Crash on save ${i}`,
        body: 'The editor crashes when I press save twice',
        customerEmail: `c${i}@example.com`,
      };
}
