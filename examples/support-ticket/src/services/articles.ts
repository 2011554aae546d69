/** The bundled knowledge base: a few articles with the keywords they answer. */
export const ARTICLES = [
  { id: 'kb-101', title: 'How refunds work', keywords: ['refund', 'money', 'back', 'charged', 'twice'] },
  { id: 'kb-102', title: 'Reading your invoice', keywords: ['invoice', 'charge', 'tax', 'vat', 'billing'] },
  { id: 'kb-103', title: 'Changing your plan', keywords: ['plan', 'upgrade', 'downgrade', 'subscription', 'price'] },
  { id: 'kb-201', title: 'The app crashes on start', keywords: ['crash', 'crashes', 'start', 'startup', 'freeze'] },
  { id: 'kb-202', title: 'Recovering lost data', keywords: ['lost', 'data', 'restore', 'backup', 'deleted'] },
  { id: 'kb-203', title: 'Fixing login problems', keywords: ['login', 'password', 'sign', 'error', 'account'] },
] as const;
