// A resource written straight under `body:` (forgetting `json:`) is the commonest slip in a request,
// and the schema alone answers it with an error per key of the resource. This finds each such body
// and says what to write instead, once, so the schema's errors about it can be dropped.

import type { InputError, PathSegment, YamlSource } from '../diagnostics/input-error.ts';

const BODY_FORMS = ['json', 'fixture', 'raw'];

/** Every request body in a suite or steps file that is an object with none of json, fixture or raw. */
export function inlineBodyMistakes(src: YamlSource): Array<{ path: PathSegment[]; error: InputError }> {
  const found: Array<{ path: PathSegment[]; error: InputError }> = [];
  walk(src.value, [], (body, at) => {
    const keys = Object.keys(body);
    if (keys.some((k) => BODY_FORMS.includes(k))) return;
    const path = [...at, 'request', 'body'];
    const looksLikeResource = typeof body['resourceType'] === 'string';
    const message = looksLikeResource
      ? `this body is a resource (${String(body['resourceType'])}) written straight under body: put it under json: (body: { json: { resourceType: ${String(body['resourceType'])}, ... } }), or name a file with body: { fixture: NAME }`
      : `a request body is { json: <value> }, { fixture: NAME } (suites/<pack>/fixtures/NAME.yaml) or { raw: <text> } (got keys ${keys.join(', ') || 'none'})`;
    found.push({ path, error: src.error(path, message) });
  });
  return found;
}

/**
 * Calls visit for each `request.body` object under value, with the path of the object holding `request`.
 * One path array, pushed and popped (a copy per node was some 20 ms over the project's suites): visit copies it.
 */
function walk(value: unknown, path: PathSegment[], visit: (body: Record<string, unknown>, at: readonly PathSegment[]) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, visit);
      path.pop();
    }
    return;
  }
  const o = value as Record<string, unknown>;
  const body = (o['request'] as Record<string, unknown> | undefined)?.['body'];
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) visit(body as Record<string, unknown>, path);
  for (const k of Object.keys(o)) {
    if (k === 'request') continue;
    path.push(k);
    walk(o[k], path, visit);
    path.pop();
  }
}

/** Whether a schema error is about the body at this path (its message names the path, or a key below it). */
export function isAbout(error: InputError, path: PathSegment[]): boolean {
  const dotted = path.join('.');
  return error.message.includes(`'${dotted}'`) || error.message.includes(`'${dotted}.`);
}

/**
 * `json:` given as JSON text (a string starting with { or [) is read as the value it spells; text that
 * does not parse is one error at the string, saying where it breaks. Any other string (e.g. "${read}",
 * a captured resource) stays as written.
 */
export function jsonTextValue(value: unknown, at: { src: YamlSource; path: PathSegment[] }, errors: InputError[]): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (err) {
    errors.push(at.src.error(at.path, `json: this text starts like JSON but does not parse (${(err as Error).message}); write the body as YAML under json:, or fix the JSON`));
    return {};
  }
}
