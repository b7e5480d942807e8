import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, type CheckInput, type Verdict } from './types.ts';

export interface LastModifiedSpec extends Positioned {
  kind: 'lastModified';
  form: 'lastUpdated';
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    lastModified: LastModifiedSpec;
  }
}

export const lastModified = defineCheck({
  kind: 'lastModified',
  yamlKey: 'lastModified',
  schema: { enum: ['lastUpdated'], description: 'an HTTP-date equal to body.meta.lastUpdated' },
  convert: (raw: 'lastUpdated', at): LastModifiedSpec => ({ kind: 'lastModified', form: raw, pos: at.pos() }),
  judge: checkLastModified,
});

// RFC 9110 IMF-fixdate: the only form a server may send.
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** True when the IMF-fixdate names a real instant whose weekday is right (Date.parse alone accepts 31 Feb). */
function isRealHttpDate(header: string): boolean {
  const t = Date.parse(header);
  return !Number.isNaN(t) && new Date(t).toUTCString() === header;
}

// Last-Modified is required on the response; meta.lastUpdated is optional in FHIR (0..1), so the header is
// linked to it only when the body carries one; without it, the header must still be a valid HTTP-date.
export function checkLastModified(_spec: LastModifiedSpec, input: CheckInput): Verdict {
  const header = input.response.headers['last-modified'];
  const body = bodyObject(input, 'Last-Modified against the body');
  if (isVerdict(body)) return { ...body, actual: header ?? null };
  const lastUpdated = (body['meta'] as Record<string, unknown> | undefined)?.['lastUpdated'];
  if (lastUpdated === undefined) {
    const wanted = 'an HTTP-date (the body has no meta.lastUpdated to link it to)';
    if (header === undefined) return fail(wanted, null, 'Last-Modified header is missing');
    if (!IMF_FIXDATE.test(header) || !isRealHttpDate(header)) return fail(wanted, header, `Last-Modified '${header}' is not an HTTP-date (e.g. 'Sat, 21 Nov 2026 13:25:48 GMT')`);
    return pass(wanted, header, `Last-Modified '${header}' is an HTTP-date (the body has no meta.lastUpdated, which is optional)`);
  }
  if (typeof lastUpdated !== 'string') return fail('an instant', lastUpdated, `meta.lastUpdated ${JSON.stringify(lastUpdated)} is not a valid instant`);
  const updated = new Date(lastUpdated);
  if (Number.isNaN(updated.getTime())) return fail('an instant', lastUpdated, `meta.lastUpdated '${lastUpdated}' is not a valid instant`);
  // HTTP dates carry whole seconds; compare at that precision.
  const expected = new Date(Math.floor(updated.getTime() / 1000) * 1000).toUTCString();
  if (header === undefined) return fail(expected, null, 'Last-Modified header is missing');
  if (!IMF_FIXDATE.test(header)) return fail(expected, header, `Last-Modified '${header}' is not an HTTP-date (e.g. 'Sat, 21 Nov 2026 13:25:48 GMT')`);
  return header === expected
    ? pass(expected, header, `Last-Modified matches meta.lastUpdated (${lastUpdated})`)
    : fail(expected, header, `Last-Modified: expected '${expected}' (meta.lastUpdated ${lastUpdated}), but received '${header}'`);
}
