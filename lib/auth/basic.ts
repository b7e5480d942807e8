// HTTP Basic (RFC 7617): the credential is base64 of "username:password", UTF-8.

import type { BasicAuth } from '../model/target.ts';

export function basicCredential(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

export function basicHeaders(auth: BasicAuth): { headers: Record<string, string>; secrets: string[] } {
  const credential = basicCredential(auth.username, auth.password);
  return { headers: { Authorization: `Basic ${credential}` }, secrets: [credential, auth.password] };
}
