// A Location header is checked against the body it came with: the id and version in the
// URL must be the created resource's own id and meta.versionId, under the target's base.

import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, versionIdOf, type CheckInput, type Verdict } from './types.ts';

export interface LocationSpec extends Positioned {
  kind: 'location';
  form: 'history' | 'resource';
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    location: LocationSpec;
  }
}

export const location = defineCheck({
  kind: 'location',
  yamlKey: 'location',
  schema: { enum: ['history', 'resource'], description: 'history: [base]/Type/{body.id}/_history/{body.meta.versionId}' },
  convert: (raw: 'history' | 'resource', at): LocationSpec => ({ kind: 'location', form: raw, pos: at.pos() }),
  judge: checkLocation,
  label: (spec) => `location ${spec.form}`,
});

export function checkLocation(spec: LocationSpec, input: CheckInput): Verdict {
  const location = input.response.headers['location'];
  const body = bodyObject(input, 'the Location header against the body');
  if (location === undefined) return fail(spec.form === 'history' ? '[base]/Type/{id}/_history/{vid}' : '[base]/Type/{id}', null, 'Location header is missing');
  if (isVerdict(body)) return { ...body, actual: location };
  const type = String(body['resourceType'] ?? '');
  const id = typeof body['id'] === 'string' ? body['id'] : undefined;
  const vid = versionIdOf(body);
  const expected =
    spec.form === 'history' ? `${input.base}/${type}/${id ?? '{id}'}/_history/${vid ?? '{vid}'}` : `${input.base}/${type}/${id ?? '{id}'}`;
  if (!/^https?:\/\//i.test(location)) return fail(expected, location, `Location must be an absolute URL, but received '${location}'`);
  if (id === undefined) return fail(expected, location, `Cannot link Location to the body: the body has no id`);
  if (spec.form === 'history' && vid === undefined) return fail(expected, location, `Cannot link Location to the body: the body has no meta.versionId`);
  if (location === expected) return pass(expected, location, `Location is ${location}`);
  return fail(expected, location, `Location: expected '${expected}', but received '${location}'${explain(location, input.base, type, id, vid)}`);
}

function explain(location: string, base: string, type: string, id: string, vid: string | undefined): string {
  if (!location.startsWith(base + '/')) return ` (not under the base ${base})`;
  const rest = location.slice(base.length + 1).split('/');
  if (rest[0] !== type) return ` (resource type '${rest[0]}' is not the body's '${type}')`;
  if (rest[1] !== id) return ` (id '${rest[1]}' is not the body's id '${id}')`;
  if (vid !== undefined && rest[2] !== '_history') return ` (no _history/{vid} segment)`;
  if (vid !== undefined && rest[3] !== vid) return ` (version '${rest[3]}' is not the body's meta.versionId '${vid}')`;
  return '';
}
