import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
} from '@nestjs/common';
import type { ResolvedBatonOptions } from '../options/baton-options.js';
import { BATON_OPTIONS } from '../tokens.js';
import { BATON_ACCESS_TOKEN, isAuthorized, type TokenCarrier } from './access-token.js';

/** Refuses REST requests without the access token when one is configured (the dashboard's, else `accessToken`): 401. */
@Injectable()
export class BatonAccessGuard implements CanActivate {
  constructor(
    @Inject(BATON_OPTIONS) private readonly options: ResolvedBatonOptions,
    @Optional() @Inject(BATON_ACCESS_TOKEN) private readonly token?: string | null,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<TokenCarrier>();
    if (isAuthorized(this.token ?? this.options.accessToken, request)) return true;
    throw new UnauthorizedException({
      error: { name: 'Unauthorized', message: 'A valid Baton access token is required.' },
    });
  }
}
