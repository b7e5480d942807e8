import { AbsentOptionalValue, evalExpr, parseExpr, placeholders, type EvalScope, type TemplateExpr } from './expressions.ts';

/**
 * Replaces `${...}` in every string inside `value`. A string that is exactly one placeholder
 * takes the value's own type (so a captured object or a number can be embedded in a body).
 * An array element holding an optional value that is absent (`${practitionerRef?}`) is left out,
 * so a body can carry an element only when the target returned what it needs (anywhere else,
 * an absent value is a missing captured value).
 */
export function interpolate(value: unknown, scope: EvalScope): unknown {
  if (typeof value === 'string') return interpolateString(value, scope);
  // Loops rather than flatMap and Object.fromEntries(Object.entries()): every request goes through here.
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      try {
        out.push(interpolate(v, scope));
      } catch (err) {
        if (!(err instanceof AbsentOptionalValue)) throw err;
      }
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = interpolate((value as Record<string, unknown>)[k], scope);
      // An own "__proto__" key stays an own property, as Object.fromEntries would make it.
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    return out;
  }
  return value;
}

const WHOLE = /^\$\{([^}]*)\}$/;

/** Placeholder bodies parsed once: the same few are rendered for every request (parseExpr is pure). */
const parsed = new Map<string, TemplateExpr>();
function parsedExpr(body: string): TemplateExpr {
  let expr = parsed.get(body);
  if (!expr) {
    expr = parseExpr(body);
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(body, expr);
  }
  return expr;
}

function interpolateString(text: string, scope: EvalScope): unknown {
  if (!text.includes('${')) return text;
  const whole = WHOLE.exec(text);
  if (whole) return structuredCloneIfObject(evalExpr(parsedExpr(whole[1]!), scope, whole[1]!));
  return text.replace(/\$\{([^}]*)\}/g, (_m, body: string) => {
    const v = evalExpr(parsedExpr(body), scope, body);
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
