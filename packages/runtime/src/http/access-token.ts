import { timingSafeEqual } from 'node:crypto';

/** Injection token of the dashboard/API access token (`null` or absent: no token required). */
export const BATON_ACCESS_TOKEN = Symbol.for('baton:access-token');

/** The cookie that carries the access token once a browser has presented it. */
export const ACCESS_COOKIE = 'baton_token';

/** The parts of an HTTP request (or socket.io handshake) a token can come in. */
export interface TokenCarrier {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
  auth?: Record<string, unknown>;
}

/** The token a request presents: `Authorization: Bearer`, `?token=`, socket `auth.token`, or the cookie. */
export function presentedToken(carrier: TokenCarrier): string | undefined {
  const header = carrier.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7);
  const fromAuth = carrier.auth?.token;
  if (typeof fromAuth === 'string') return fromAuth;
  const fromQuery = carrier.query?.token;
  if (typeof fromQuery === 'string') return fromQuery;
  const cookie = carrier.headers.cookie;
  if (typeof cookie === 'string') {
    for (const part of cookie.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === ACCESS_COOKIE) return decodeURIComponent(value.join('='));
    }
  }
  return undefined;
}

/** True when no token is required, or the presented one matches (compared in constant time). */
export function isAuthorized(expected: string | null | undefined, carrier: TokenCarrier): boolean {
  if (!expected) return true;
  const presented = presentedToken(carrier);
  if (presented === undefined) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
