import { BatonError } from '@baton/sdk';

/**
 * A request to Baton's REST API has a body that is not a JSON object or array (malformed JSON, an
 * unsupported charset or encoding); it answers 400 (or 415) in Baton's error shape.
 */
export class InvalidRequestBodyError extends BatonError {
  /** Always `'INVALID_REQUEST_BODY'`. */
  readonly code = 'INVALID_REQUEST_BODY' as const;
  /** Why the body was refused, e.g. the JSON parser's message. */
  readonly reason: string;

  /**
   * @param request - the method and path, e.g. `POST /baton/api/workflows/greet/runs`
   * @param reason - why the body was refused
   */
  constructor(request: string, reason: string) {
    super(
      `The body of ${request} is not a JSON object or array: ${reason}. ` +
        "Send JSON with the header 'content-type: application/json', e.g. the run's input as an object.",
    );
    this.reason = reason;
  }
}
