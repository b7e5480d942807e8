import { bodyObject, fail, isVerdict, pass, versionIdOf, type CheckFn } from './types.ts';

export const checkEtag: CheckFn<'etag'> = (_spec, input) => {
  const etag = input.response.headers['etag'];
  const body = bodyObject(input, 'the ETag against the body');
  if (isVerdict(body)) return { ...body, actual: etag ?? null };
  const vid = versionIdOf(body);
  const expected = `W/"${vid ?? '{meta.versionId}'}"`;
  if (etag === undefined) return fail(expected, null, 'ETag header is missing');
  if (vid === undefined) return fail(expected, etag, 'Cannot link ETag to the body: the body has no meta.versionId');
  if (!etag.startsWith('W/')) return fail(expected, etag, `ETag must be weak (W/"..."), but received '${etag}'`);
  return etag === expected ? pass(expected, etag, `ETag is ${etag}`) : fail(expected, etag, `ETag: expected ${expected} (meta.versionId), but received ${etag}`);
};
