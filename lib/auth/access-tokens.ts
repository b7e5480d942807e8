// The access tokens of one run, one per target pack: fetched on first use, shared by every
// request of that pack (concurrent ones wait for the same fetch), fetched again shortly before
// the endpoint said it expires. Made per run, so no token outlives its run or leaks into another.

import type { HttpClient } from '../http/client.ts';
import type { TokenAuth } from '../model/target.ts';
import { clientCredentialsRequest } from './oauth2.ts';
import { smartTokenRequest } from './smart-backend.ts';
import { requestAccessToken, TokenRequestError, type AccessToken, type TokenRequest } from './token-endpoint.ts';

/** Used when the endpoint gives no expires_in (RFC 6749 makes it only RECOMMENDED). */
export const DEFAULT_TOKEN_LIFETIME_S = 300;
/** Fetch again this long before expiry (at most half the lifetime), so no request carries a token that dies in flight. */
export const EXPIRY_MARGIN_S = 30;

export interface AccessTokensOptions {
  /** Milliseconds since the epoch; tests pass their own clock instead of sleeping. */
  now?: () => number;
  /** The run's deadline: abandons a token request in flight. */
  deadline?: AbortSignal;
}

interface Entry {
  auth: TokenAuth;
  token: Promise<AccessToken>;
  /** Until the fetch settles, the entry is shared as it is. */
  renewAtMs: number;
}

export class AccessTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  /** Token requests sent so far (what the caching tests count). */
  fetches = 0;

  constructor(
    private readonly http: Pick<HttpClient, 'send'>,
    private readonly opts: AccessTokensOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The access token of this target pack, fetched when it has none that is still fresh. */
  async token(packId: string, auth: TokenAuth): Promise<string> {
    const now = this.now();
    const held = this.entries.get(packId);
    if (held && held.auth === auth && now < held.renewAtMs) return (await held.token).value;
    const entry: Entry = { auth, token: this.fetch(auth, now), renewAtMs: Number.POSITIVE_INFINITY };
    this.entries.set(packId, entry);
    entry.token.then(
      (t) => (entry.renewAtMs = now + renewAfterS(t.expiresIn) * 1000),
      // A 4xx stays the answer for the run (every scenario gets the same error, the endpoint is not asked again); anything else is tried again.
      (err: unknown) => {
        if (!(err instanceof TokenRequestError && err.permanent) && this.entries.get(packId) === entry) this.entries.delete(packId);
      },
    );
    return (await entry.token).value;
  }

  private fetch(auth: TokenAuth, nowMs: number): Promise<AccessToken> {
    this.fetches++;
    let req: TokenRequest;
    try {
      req = auth.kind === 'smart-backend' ? smartTokenRequest(auth, Math.floor(nowMs / 1000)) : clientCredentialsRequest(auth);
    } catch (err) {
      return Promise.reject(new TokenRequestError(`no access token: ${(err as Error).message}`, 'tool', true));
    }
    return requestAccessToken(this.http, req, this.opts.deadline ? { deadline: this.opts.deadline } : {});
  }
}

/** Seconds from the request to the next fetch: the lifetime less the margin (at most half of it). */
function renewAfterS(expiresIn: number | undefined): number {
  const life = expiresIn ?? DEFAULT_TOKEN_LIFETIME_S;
  return life - Math.min(EXPIRY_MARGIN_S, life / 2);
}
