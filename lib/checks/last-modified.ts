import { bodyObject, fail, isVerdict, pass, type CheckFn } from './types.ts';

// RFC 9110 IMF-fixdate: the only form a server may send.
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

export const checkLastModified: CheckFn<'lastModified'> = (_spec, input) => {
  const header = input.response.headers['last-modified'];
  const body = bodyObject(input, 'Last-Modified against the body');
  if (isVerdict(body)) return { ...body, actual: header ?? null };
  const lastUpdated = (body['meta'] as Record<string, unknown> | undefined)?.['lastUpdated'];
  if (typeof lastUpdated !== 'string') return fail('meta.lastUpdated', header ?? null, 'Cannot link Last-Modified to the body: the body has no meta.lastUpdated');
  const updated = new Date(lastUpdated);
  if (Number.isNaN(updated.getTime())) return fail('an instant', lastUpdated, `meta.lastUpdated '${lastUpdated}' is not a valid instant`);
  // HTTP dates carry whole seconds; compare at that precision.
  const expected = new Date(Math.floor(updated.getTime() / 1000) * 1000).toUTCString();
  if (header === undefined) return fail(expected, null, 'Last-Modified header is missing');
  if (!IMF_FIXDATE.test(header)) return fail(expected, header, `Last-Modified '${header}' is not an HTTP-date (e.g. 'Sat, 21 Nov 2026 13:25:48 GMT')`);
  return header === expected
    ? pass(expected, header, `Last-Modified matches meta.lastUpdated (${lastUpdated})`)
    : fail(expected, header, `Last-Modified: expected '${expected}' (meta.lastUpdated ${lastUpdated}), but received '${header}'`);
};
