import type { ServerResponse } from 'node:http';
import { PayloadTooLargeError } from '@baton/sdk';
import { InvalidRequestBodyError } from '../errors/invalid-request-body.error.js';
import { serializeRunError } from './error-body.js';
import { requestLine, type BodyRequest, type Next } from './json-body.reader.js';

/** The fields of a body-parser (http-errors) error this handler reads. */
interface ParserError {
  type: string;
  status: number;
  message: string;
  limit?: number;
  length?: number;
  received?: number;
}

function isParserError(error: unknown): error is ParserError {
  const e = error as Partial<ParserError> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.type === 'string' &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500
  );
}

/**
 * The Baton error and status for an error raised while reading a request body: from Baton's reader, or
 * from the app's own body parser (Express's, for bodies Baton's reader leaves to it). `undefined` for any
 * other error.
 */
export function toBodyError(
  error: unknown,
  req: BodyRequest,
): { status: number; error: PayloadTooLargeError | InvalidRequestBodyError } | undefined {
  if (error instanceof PayloadTooLargeError) return { status: 413, error };
  if (error instanceof InvalidRequestBodyError) return { status: 400, error };
  if (!isParserError(error)) return undefined;
  if (error.type === 'entity.too.large') {
    const bytes = error.length ?? error.received ?? 0;
    const tooLarge = new PayloadTooLargeError({
      what: `The body of ${requestLine(req)}`,
      limit: "the app's JSON body limit",
      limitBytes: error.limit ?? 0,
      bytes,
      atLeast: error.length === undefined,
      fix: "Send a smaller input, or raise the limit with app.useBodyParser('json', { limit }).",
    });
    return { status: 413, error: tooLarge };
  }
  return { status: error.status, error: new InvalidRequestBodyError(requestLine(req), error.message) };
}

/**
 * Express error middleware answering request-body errors (malformed JSON 400, too large 413, unsupported
 * charset or encoding 415) as `{ error: { name, message, code } }`, like every other REST API error.
 */
export function bodyErrorHandler() {
  return function batonBodyErrors(error: unknown, req: BodyRequest, res: ServerResponse, next: Next): void {
    const found = res.headersSent ? undefined : toBodyError(error, req);
    if (!found) {
      next(error);
      return;
    }
    res.statusCode = found.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ error: serializeRunError(found.error) }));
  };
}
