import type { AccountLookup } from '../agents/ticket.types.js';

/** Customers whose lookup hangs until aborted: the example's stand-in for a CRM outage. */
export const HANGING_CUSTOMERS: ReadonlySet<string> = new Set(['slow@hang.example']);

const ACCOUNTS: Record<string, AccountLookup['account']> = {
  'ada@acme.example': { id: 'acc_1', name: 'Ada', plan: 'enterprise' },
  'bob@startup.example': { id: 'acc_2', name: 'Bob', plan: 'pro' },
  'slow@hang.example': { id: 'acc_3', name: 'Sam', plan: 'free' },
};

/** A local CRM. Lookups of {@link HANGING_CUSTOMERS} never answer; they end only when `signal` aborts. */
export class CrmService {
  lookup(email: string, signal?: AbortSignal): Promise<AccountLookup> {
    if (HANGING_CUSTOMERS.has(email)) {
      return new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    return Promise.resolve({ account: ACCOUNTS[email] ?? null });
  }
}
