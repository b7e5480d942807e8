// Security (seed 001): the consumer's identity travels in the GP Connect audit JWT. Every check of that token
// is the GP Connect provider's (gpconnect/jwt.ts); any way it fails is "no valid JWT" here, answered 403.
// The Spine Secure Proxy headers are the SSP's business, and mutual TLS ends before the provider: neither is
// checked by this pack (suites/apihub-appointments/decisions.md).
import type { RefRequest } from '../types.ts';
import { checkJwt, type Scope } from '../gpconnect/jwt.ts';
import { GpcError } from '../gpconnect/outcome.ts';
import type { ApiHubEnv } from './context.ts';
import { IdentityError } from './outcome.ts';

export function checkIdentity(req: RefRequest, scope: Scope, env: ApiHubEnv): void {
  try {
    checkJwt(req, scope, env.core);
  } catch (error) {
    if (error instanceof GpcError) throw new IdentityError(error.message);
    throw error;
  }
}
