import { fail, pass, type CheckFn } from './types.ts';

export const checkContentType: CheckFn<'contentType'> = (spec, { response }) => {
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
};
