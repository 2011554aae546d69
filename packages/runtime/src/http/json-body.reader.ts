import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeError } from '@baton/sdk';
import { InvalidRequestBodyError } from '../errors/invalid-request-body.error.js';

/** A request as the body reader sees it: Express adds `body` and `originalUrl`. */
export type BodyRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

/** Express's `next`. */
export type Next = (error?: unknown) => void;

/** `POST /baton/api/workflows/x/runs`, without the query string (it may carry the access token). */
export function requestLine(req: BodyRequest): string {
  return `${req.method ?? 'POST'} ${(req.originalUrl ?? req.url ?? '').split('?')[0]}`;
}

/**
 * Express middleware reading a JSON request body of at most `maxInputBytes` bytes into `req.body`.
 * Bodies it does not handle (already read, not `application/json`, another charset, compressed) are left
 * to the app's own body parser; its errors are {@link PayloadTooLargeError} (413) and
 * {@link InvalidRequestBodyError} (400), passed to `next`.
 */
export function jsonBodyReader(maxInputBytes: number) {
  // Not named `jsonParser`: Nest skips its own JSON parser when a middleware of that name is mounted.
  return function batonJsonBody(req: BodyRequest, _res: ServerResponse, next: Next): void {
    if (req.body !== undefined || req.readableEnded || !hasBody(req) || !isUtf8Json(req)) {
      next();
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > maxInputBytes) {
      discardThen(req, next, tooLarge(req, maxInputBytes, declared, false));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const stop = (): void => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= maxInputBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      discardThen(req, next, tooLarge(req, maxInputBytes, received, true));
    };
    const onEnd = (): void => {
      stop();
      try {
        req.body = parseBody(Buffer.concat(chunks, received).toString('utf8'));
      } catch (error) {
        next(new InvalidRequestBodyError(requestLine(req), (error as Error).message));
        return;
      }
      next();
    };
    const onError = (error: unknown): void => {
      stop();
      next(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  };
}

function hasBody(req: BodyRequest): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
}

/** `application/json`, in UTF-8 (the default), not compressed. */
function isUtf8Json(req: BodyRequest): boolean {
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return false;
  const charset = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-?8"?$/.test(charset);
}

/** As Express's JSON parser in strict mode: an empty body is `{}`, anything else must be an object or array. */
function parseBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return {};
  const first = /^[ \t\n\r]*(.)/.exec(body)?.[1];
  if (first !== '{' && first !== '[')
    throw new SyntaxError(`it starts with ${JSON.stringify(first ?? '')}, not { or [`);
  return JSON.parse(body);
}

function tooLarge(req: BodyRequest, limitBytes: number, bytes: number, atLeast: boolean): PayloadTooLargeError {
  return new PayloadTooLargeError({
    what: `The body of ${requestLine(req)}`,
    limit: 'maxInputBytes',
    limitBytes,
    bytes,
    atLeast,
  });
}

/** Reads off the rest of the body (so the client gets the answer, not a reset), then passes the error on. */
function discardThen(req: BodyRequest, next: Next, error: unknown): void {
  if (req.readableEnded) {
    next(error);
    return;
  }
  let passed = false;
  const pass = (): void => {
    if (passed) return;
    passed = true;
    next(error);
  };
  req.once('end', pass).once('error', pass);
  req.resume();
}
