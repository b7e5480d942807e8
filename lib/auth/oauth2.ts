// OAuth 2.0 client credentials grant (RFC 6749 §4.4). The client authenticates with its secret
// over HTTP Basic (client_secret_basic, §2.3.1: id and secret form-encoded first) by default,
// or in the form body (client_secret_post) where the authorisation server wants that.

import type { OAuth2ClientCredentialsAuth } from '../model/target.ts';
import { basicCredential } from './basic.ts';
import type { TokenRequest } from './token-endpoint.ts';

/** application/x-www-form-urlencoded, as §2.3.1 asks before the Basic encoding. */
export function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

/** The values of this configuration that must never be shown: the secret, and the forms it travels in. */
export function clientCredentialsSecrets(auth: Pick<OAuth2ClientCredentialsAuth, 'clientId' | 'clientSecret'>): string[] {
  return [auth.clientSecret, formEncode(auth.clientSecret), basicCredential(formEncode(auth.clientId), formEncode(auth.clientSecret))];
}

export function clientCredentialsRequest(auth: OAuth2ClientCredentialsAuth): TokenRequest {
  const form: Record<string, string> = { grant_type: 'client_credentials' };
  if (auth.scope) form['scope'] = auth.scope;
  if (auth.audience) form['audience'] = auth.audience;
  const headers: Record<string, string> = {};
  if (auth.clientAuth === 'body') {
    form['client_id'] = auth.clientId;
    form['client_secret'] = auth.clientSecret;
  } else {
    headers['Authorization'] = `Basic ${basicCredential(formEncode(auth.clientId), formEncode(auth.clientSecret))}`;
  }
  return { url: auth.tokenUrl, form, headers, secrets: clientCredentialsSecrets(auth) };
}
