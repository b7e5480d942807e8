import { readFileSync } from 'node:fs';

// The cache itself is diagnostics/cache.ts, shared with the suite, pack and targets schemas.
export { cachedJson, cachedValidator, cacheKey, newAjv } from '../diagnostics/cache.ts';

/** The text of a module beside this one (its .ts source, or the .js tsc made of it in dist/): part of a cache key. */
export function moduleText(name: string): string {
  for (const ext of ['.ts', '.js']) {
    try {
      return readFileSync(new URL(`./${name}${ext}`, import.meta.url), 'utf8');
    } catch {
      // the other extension
    }
  }
  return '';
}
