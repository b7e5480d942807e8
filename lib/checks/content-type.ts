import type { Positioned } from '../model/suite.ts';
import { defineCheck, fail, pass, type CheckInput, type Verdict } from './types.ts';

export interface ContentTypeSpec extends Positioned {
  kind: 'contentType';
  expected: string;
}

declare module '../model/suite.ts' {
  interface CheckSpecs {
    contentType: ContentTypeSpec;
  }
}

export const contentType = defineCheck({
  kind: 'contentType',
  yamlKey: 'contentType',
  schema: { type: 'string', description: 'media type, e.g. application/fhir+json' },
  convert: (raw: string, at): ContentTypeSpec => ({ kind: 'contentType', expected: raw, pos: at.pos() }),
  judge: checkContentType,
  exampleSkip: 'a header the example does not have',
});

export function checkContentType(spec: ContentTypeSpec, { response }: CheckInput): Verdict {
  const header = response.headers['content-type'];
  if (header === undefined) return fail(spec.expected, null, 'Content-Type header is missing');
  const [media, ...params] = header.split(';').map((s) => s.trim());
  if (media?.toLowerCase() !== spec.expected.toLowerCase()) {
    return fail(spec.expected, header, `Content-Type: expected ${spec.expected}, but received '${header}'`);
  }
  const charset = params.find((p) => p.toLowerCase().startsWith('charset='));
  if (charset && charset.slice(8).replace(/"/g, '').toLowerCase() !== 'utf-8') {
    return fail(`${spec.expected}; charset=utf-8`, header, `Content-Type charset must be UTF-8, but received '${header}'`);
  }
  return pass(spec.expected, header, `Content-Type is ${header}`);
}
