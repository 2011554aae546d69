import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { serializeRunError, type ErrorBody } from '../http/error-body.js';

/** Sends every error of a Baton message pattern as `{ name, message, code, violations? }` (typed on the client). */
@Catch()
export class BatonRpcExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<ErrorBody> {
    return throwError(() => serializeRunError(exception));
  }
}
