import { describe, expect, it } from 'vitest';
import { NHS_NUMBER_SYSTEM, GPC_FIXTURES } from './fixtures.ts';
import { defaultClaims, encodeJwt, spineCode, useGpcTarget, type GpcResponse } from '../../testing/gpconnect.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const IAT = NOW.getTime() / 1000;
const FIND = `identifier=${encodeURIComponent(`${NHS_NUMBER_SYSTEM}|${GPC_FIXTURES.registeredPatients[0].nhsNumber}`)}`;

const live = useGpcTarget(() => NOW);

type Claims = Record<string, any>;
const valid = (): Claims => defaultClaims({ now: NOW, aud: live.client.baseUrl, scope: 'patient/*.read' });

function findPatientWith(token: string): Promise<GpcResponse> {
  return live.client.call('find-patient', { query: FIND, headers: { authorization: `Bearer ${token}` } });
}


describe('JWT (faithful)', () => {
  it('accepts a valid unsigned token', async () => {
    const res = await findPatientWith(encodeJwt(valid()));
    expect(res.status).toBe(200);
  });

  const REJECTED_400: Array<[string, () => string]> = [
    ['a signed token', () => encodeJwt(valid(), { alg: 'none', typ: 'JWT' }, 'c2lnbmF0dXJl')],
    ['alg HS256', () => encodeJwt(valid(), { alg: 'HS256', typ: 'JWT' })],
    ['a token that is not three parts', () => encodeJwt(valid()).slice(0, -1)],
    ['a payload that is not JSON', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.bm90IGpzb24.`],
    ...(['iss', 'sub', 'aud', 'exp', 'iat', 'reason_for_request', 'requested_scope', 'requesting_device', 'requesting_organization', 'requesting_practitioner'] as const).map(
      (claim): [string, () => string] => [`no ${claim}`, () => encodeJwt({ ...valid(), [claim]: undefined })],
    ),
    ['iss that is not a URL', () => encodeJwt({ ...valid(), iss: 'consumer' })],
    ['sub other than requesting_practitioner.id', () => encodeJwt({ ...valid(), sub: '2' })],
    ['blank aud', () => encodeJwt({ ...valid(), aud: ' ' })],
    ['exp - iat = 600', () => encodeJwt({ ...valid(), exp: IAT + 600 })],
    ['an expired token', () => encodeJwt({ ...valid(), iat: IAT - 400, exp: IAT - 100 })],
    ['iat in the future', () => encodeJwt({ ...valid(), iat: IAT + 60, exp: IAT + 360 })],
    ['iat as a string', () => encodeJwt({ ...valid(), iat: String(IAT) })],
    ['reason_for_request migration', () => encodeJwt({ ...valid(), reason_for_request: 'migration' })],
    ['a scope not fitting the interaction', () => encodeJwt({ ...valid(), requested_scope: 'organization/*.read' })],
    ['a write scope for a read', () => encodeJwt({ ...valid(), requested_scope: 'patient/*.write' })],
    ['an unknown scope', () => encodeJwt({ ...valid(), requested_scope: 'patient/*.*' })],
    ['a device without model', () => encodeJwt({ ...valid(), requesting_device: { ...valid().requesting_device, model: undefined } })],
    ['a device without identifier', () => encodeJwt({ ...valid(), requesting_device: { ...valid().requesting_device, identifier: [] } })],
    ['an organization that is a Practitioner', () => encodeJwt({ ...valid(), requesting_organization: { ...valid().requesting_organization, resourceType: 'Practitioner' } })],
    ['an organization without ODS code', () => encodeJwt({ ...valid(), requesting_organization: { ...valid().requesting_organization, identifier: [] } })],
    ['a practitioner without SDS user id', () => encodeJwt({ ...valid(), requesting_practitioner: { ...valid().requesting_practitioner, identifier: valid().requesting_practitioner.identifier.slice(1) } })],
    ['a practitioner without a name', () => encodeJwt({ ...valid(), requesting_practitioner: { ...valid().requesting_practitioner, name: undefined } })],
  ];

  it.each(REJECTED_400)('rejects %s with 400 BAD_REQUEST', async (_name, token) => {
    const res = await findPatientWith(token());
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(spineCode(res)).toBe('BAD_REQUEST');
  });

  it('rejects a request without Authorization', async () => {
    const res = await live.client.call('find-patient', { query: FIND, headers: { authorization: undefined } });
    expect(res.status).toBe(400);
  });

  it('accepts a confidentiality scope next to the resource scope', async () => {
    const res = await findPatientWith(encodeJwt({ ...valid(), requested_scope: 'patient/*.read conf/R' }));
    expect(res.status).toBe(200);
  });

  it('accepts iat a few seconds ahead (clock skew)', async () => {
    const res = await findPatientWith(encodeJwt({ ...valid(), iat: IAT + 3, exp: IAT + 303 }));
    expect(res.status).toBe(200);
  });

  const REJECTED_422: Array<[string, () => string]> = [
    ['a device that is not a Device', () => encodeJwt({ ...valid(), requesting_device: { ...valid().requesting_device, resourceType: 'Patient' } })],
    ['a device with a foreign element', () => encodeJwt({ ...valid(), requesting_device: { ...valid().requesting_device, colour: 'blue' } })],
    ['a practitioner that is not a Practitioner', () => encodeJwt({ ...valid(), requesting_practitioner: { ...valid().requesting_practitioner, resourceType: 'Organization' } })],
  ];

  it.each(REJECTED_422)('rejects %s with 422 INVALID_RESOURCE (national assurance)', async (_name, token) => {
    const res = await findPatientWith(token());
    expect(res.status).toBe(422);
    expect(spineCode(res)).toBe('INVALID_RESOURCE');
  });

  it('asks for patient/*.write to book and organization/*.read to search slots', async () => {
    const book = await live.client.call('book-appointment', { body: {}, jwt: { scope: 'patient/*.read' } });
    expect(book.status).toBe(400);
    const slots = await live.client.call('search-slots', { query: 'start=ge2026-11-23&end=le2026-11-23&status=free&_include=Slot:schedule', jwt: { scope: 'patient/*.read' } });
    expect(slots.status).toBe(400);
    const metadata = await live.client.call('metadata');
    expect(metadata.status).toBe(200);
  });
});
