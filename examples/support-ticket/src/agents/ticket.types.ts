/** What the classifier decided. */
export interface Classification {
  kind: 'billing' | 'bug';
  /** The keywords that decided it, for the trace. */
  matched: string[];
}

/** A specialist agent's analysis of the ticket. */
export interface Analysis {
  agent: 'billing' | 'bug';
  summary: string;
  priority: 'low' | 'normal' | 'high';
}

/** A customer account from the CRM. */
export interface Account {
  id: string;
  name: string;
  plan: 'free' | 'pro' | 'enterprise';
}

/** The result of the account lookup: `account` is null when it could not be found or fetched. */
export interface AccountLookup {
  account: Account | null;
}

/** A knowledge-base article that matched the ticket. */
export interface Article {
  id: string;
  title: string;
  score: number;
}

/** The reply drafted for the customer. */
export interface Reply {
  to: string;
  subject: string;
  body: string;
  agent: 'billing' | 'bug';
  articles: string[];
}
