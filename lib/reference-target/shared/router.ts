// Route tables are matched the same way in every pack: by path first, then by verb, so a known path
// with the wrong verb is a 405 with Allow, and an unknown path a 404.
import type { Route } from '../types.ts';

export type RouteMatch<R> =
  | { kind: 'matched'; route: R; params: string[] }
  | { kind: 'no-such-path' }
  | { kind: 'wrong-method'; allow: string[] };

export function matchRoute<R extends Route<unknown>>(routes: readonly R[], method: string, path: string): RouteMatch<R> {
  const onPath = routes.filter((r) => r.path.test(path));
  if (onPath.length === 0) return { kind: 'no-such-path' };
  const route = onPath.find((r) => r.method === method);
  if (!route) return { kind: 'wrong-method', allow: [...new Set(onPath.map((r) => r.method))] };
  return { kind: 'matched', route, params: route.path.exec(path)?.slice(1) ?? [] };
}
