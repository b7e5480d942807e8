import { describe, expect, it } from 'vitest';
import { Redactor } from './redact.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const signed = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'user-1', exp: 1700000300, session: 'top-secret-session' })}.${SIGNATURE}`;
const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://consumer.example', exp: 1700000300, aud: 'https://u:pw-1234@provider.example/fhir' })}.`;

describe('JWTs in reports', () => {
  const redactor = new Redactor(['top-secret-session']).with([signed]);

  it('shows a signed JWT by its header and claims, never its signature or the token', () => {
    const shown = redactor.headers({ authorization: `Bearer ${signed}` }).authorization!;
    expect(shown).toContain('"exp":1700000300');
    expect(shown).toContain('"alg":"RS256"');
    expect(shown).toContain('signature [redacted]');
    expect(shown).not.toContain(SIGNATURE);
    expect(shown).not.toContain('eyJ');
  });

  it('redacts secret values and URL credentials inside the claims', () => {
    expect(redactor.text(`echoed ${signed}`)).not.toContain('top-secret-session');
    const shown = redactor.text(`token ${unsigned} rejected`);
    expect(shown).toContain('"iss":"https://consumer.example"');
    expect(shown).toContain('(unsigned)');
    expect(shown).not.toContain('pw-1234');
  });

  it('redacts a piece of a JWT that does not decode, and an opaque bearer token whole', () => {
    const claimsOnly = signed.split('.')[1]!;
    expect(redactor.text(`claims ${claimsOnly}`)).toBe('claims [redacted] JWT');
    expect(new Redactor(['opaque-token-1234']).headers({ authorization: 'Bearer opaque-token-1234' }).authorization).toBe('Bearer [redacted]');
    expect(redactor.text(`sig ${SIGNATURE}`)).toBe('sig [redacted]');
  });
});
