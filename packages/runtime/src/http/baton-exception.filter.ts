import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { BatonError } from '@baton/sdk';
import { serializeRunError } from './error-body.js';

const STATUS_BY_CODE: Record<string, number> = {
  INPUT_VALIDATION: 400,
  INVALID_RUN_OPERATION: 400,
  INPUT_TOO_DEEP: 400,
  INVALID_REQUEST_BODY: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_WORKFLOW: 404,
  RUN_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  UNKNOWN_SIGNAL: 404,
  RUN_NOT_RUNNING: 409,
};

interface Reply {
  status(code: number): { json(body: unknown): void };
}

/**
 * Turns errors of the REST API into `{ error: { name, message, code, violations? } }` with a fitting
 * status: 400 for invalid input (with every violation) or one nested too deep, 413 for one over
 * `maxInputBytes`, 404 for unknown workflows and runs, 409 for an idempotency key reused with another input.
 */
@Catch()
export class BatonExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<Reply>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      reply
        .status(exception.getStatus())
        .json(
          typeof body === 'object' && body !== null && 'error' in body
            ? body
            : { error: { name: exception.name, message: exception.message } },
        );
      return;
    }
    const error = serializeRunError(exception);
    const status = exception instanceof BatonError ? (STATUS_BY_CODE[exception.code] ?? 500) : 500;
    reply.status(status).json({ error });
  }
}
