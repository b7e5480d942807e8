import type { Positioned } from '../model/suite.ts';
import { bodyObject, defineCheck, fail, isVerdict, pass, versionIdOf, type CheckInput, type Verdict } from './types.ts';

export interface EtagSpec extends Positioned {
  kind: 'etag';
  form: 'version';
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    etag: EtagSpec;
  }
}

export const etag = defineCheck({
  kind: 'etag',
  yamlKey: 'etag',
  schema: { enum: ['version'], description: 'W/"{body.meta.versionId}"' },
  convert: (raw: 'version', at): EtagSpec => ({ kind: 'etag', form: raw, pos: at.pos() }),
  judge: checkEtag,
});

export function checkEtag(_spec: EtagSpec, input: CheckInput): Verdict {
  const etag = input.response.headers['etag'];
  const body = bodyObject(input, 'the ETag against the body');
  if (isVerdict(body)) return { ...body, actual: etag ?? null };
  const vid = versionIdOf(body);
  const expected = `W/"${vid ?? '{meta.versionId}'}"`;
  if (etag === undefined) return fail(expected, null, 'ETag header is missing');
  if (vid === undefined) return fail(expected, etag, 'Cannot link ETag to the body: the body has no meta.versionId');
  if (!etag.startsWith('W/')) return fail(expected, etag, `ETag must be weak (W/"..."), but received '${etag}'`);
  return etag === expected ? pass(expected, etag, `ETag is ${etag}`) : fail(expected, etag, `ETag: expected ${expected} (meta.versionId), but received ${etag}`);
}
