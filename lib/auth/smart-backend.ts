// SMART Backend Services (SMART App Launch 2, "Backend Services"): the client proves itself with
// a JWT it signs with its private key (RS384 or ES384), posted as a client assertion (RFC 7523)
// with the client credentials grant.

import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { SmartBackendAuth, SmartSigningAlg } from '../model/target.ts';
import type { TokenRequest } from './token-endpoint.ts';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The framework allows at most five minutes; a minute less leaves room for the two clocks to differ. */
export const ASSERTION_LIFETIME_S = 240;

export type SigningKey = { key: KeyObject; alg: SmartSigningAlg } | { error: string; /** What is wrong: the key itself, or the alg written beside it. */ about: 'key' | 'alg' };

/** The key and the algorithm it signs with (the key's type decides when alg is not given), or why it cannot. */
export function signingKey(pem: string, passphrase: string | undefined, alg: SmartSigningAlg | undefined): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (err) {
    // The message of a key parser names no key material, only what went wrong.
    return { error: `not a readable PEM private key (${(err as Error).message})`, about: 'key' };
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    if (alg && alg !== 'RS384') return { error: `an RSA key signs RS384, not ${alg}`, about: 'alg' };
    return { key, alg: 'RS384' };
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'secp384r1') return { error: `ES384 needs a P-384 key (this one is on ${curve ?? 'an unknown curve'})`, about: 'key' };
    if (alg && alg !== 'ES384') return { error: `a P-384 key signs ES384, not ${alg}`, about: 'alg' };
    return { key, alg: 'ES384' };
  }
  return { error: `a ${type ?? 'unknown'} key: SMART Backend Services signs with RSA (RS384) or P-384 (ES384)`, about: 'key' };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** iss = sub = the client id, aud = the token endpoint, exp within five minutes, a jti never used before. */
export function signClientAssertion(auth: SmartBackendAuth, nowS: number, jti: string = randomUUID()): string {
  const found = signingKey(auth.privateKey, auth.passphrase, auth.alg);
  // The targets file was checked when the target was selected; a key that fails here was changed since.
  if ('error' in found) throw new Error(`smart-backend private key ${auth.privateKeyFile}: ${found.error}`);
  const header = { alg: found.alg, typ: 'JWT', ...(auth.kid ? { kid: auth.kid } : {}) };
  const claims = { iss: auth.clientId, sub: auth.clientId, aud: auth.tokenUrl, exp: nowS + ASSERTION_LIFETIME_S, jti };
  const input = `${b64url(header)}.${b64url(claims)}`;
  // JOSE wants an ECDSA signature as the raw r||s pair (RFC 7518 §3.4), not DER.
  const signature = sign('sha384', Buffer.from(input), found.alg === 'ES384' ? { key: found.key, dsaEncoding: 'ieee-p1363' } : found.key);
  return `${input}.${signature.toString('base64url')}`;
}

export function smartTokenRequest(auth: SmartBackendAuth, nowS: number): TokenRequest {
  const assertion = signClientAssertion(auth, nowS);
  return {
    url: auth.tokenUrl,
    form: { grant_type: 'client_credentials', scope: auth.scope, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion },
    headers: {},
    secrets: [assertion, auth.privateKey],
  };
}
