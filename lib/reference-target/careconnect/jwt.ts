// The consumer's identity: seed 002 Security names a JWT carrying the consumer system's identity and
// authorisation (mutual TLS is the connection's, outside this server). Here it must be a Bearer token whose
// payload decodes to a claims object; what the claims must say is GP Connect's business, not this document's.
import { isObject, parseJson } from '../../common/json.ts';
import type { RefRequest } from '../types.ts';
import type { CcContext } from './context.ts';
import { CcError } from './outcome.ts';

function claimsOf(authorization: string | undefined): unknown {
  const token = /^Bearer\s+([^.\s]+)\.([^.\s]+)\.(\S*)$/i.exec(authorization?.trim() ?? '');
  return token ? parseJson(Buffer.from(token[2]!, 'base64url').toString('utf8')) : undefined;
}

export function checkJwt(req: RefRequest, ctx: CcContext): void {
  if (ctx.fault('cc-jwt-not-checked')) return;
  if (!isObject(claimsOf(req.headers.authorization))) {
    throw new CcError('BAD_REQUEST', 'no-credentials', 'the Authorization header must carry the consumer JWT (Bearer)');
  }
}
