import { AbsentOptionalValue, evalExpr, parseExpr, placeholders, type EvalScope } from './expressions.ts';

/**
 * Replaces `${...}` in every string inside `value`. A string that is exactly one placeholder
 * takes the value's own type (so a captured object or a number can be embedded in a body).
 * An array element holding an optional value that is absent (`${practitionerRef?}`) is left out,
 * so a body can carry an element only when the target returned what it needs (anywhere else,
 * an absent value is a missing captured value).
 */
export function interpolate(value: unknown, scope: EvalScope): unknown {
  if (typeof value === 'string') return interpolateString(value, scope);
  if (Array.isArray(value)) return value.flatMap((v) => {
    try {
      return [interpolate(v, scope)];
    } catch (err) {
      if (err instanceof AbsentOptionalValue) return [];
      throw err;
    }
  });
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scope)]));
  }
  return value;
}

const WHOLE = /^\$\{([^}]*)\}$/;

function interpolateString(text: string, scope: EvalScope): unknown {
  if (!text.includes('${')) return text;
  const whole = WHOLE.exec(text);
  if (whole) return structuredCloneIfObject(evalExpr(parseExpr(whole[1]!), scope, whole[1]!));
  return text.replace(/\$\{([^}]*)\}/g, (_m, body: string) => {
    const v = evalExpr(parseExpr(body), scope, body);
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

function structuredCloneIfObject(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? structuredClone(v) : v;
}

/** Interpolates and coerces to a string (paths, headers, query values). */
export function interpolateToString(value: unknown, scope: EvalScope): string {
  const v = interpolate(value, scope);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Every placeholder body found in any string inside value, with the path to that string. */
export function collectPlaceholders(value: unknown, path: Array<string | number> = []): Array<{ body: string; path: Array<string | number> }> {
  if (typeof value === 'string') return placeholders(value).map((body) => ({ body, path }));
  if (Array.isArray(value)) return value.flatMap((v, i) => collectPlaceholders(v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => collectPlaceholders(v, [...path, k]));
  }
  return [];
}
