// The one HTTP server of the reference target: routes each request to the pack module serving its
// base path. Which modules it serves is the caller's choice (server.ts: all of them).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PackContext, PackHandler, PackModule, RefRequest, RefResponse } from './types.ts';
import { UnknownFaultError } from './errors.ts';

export interface ReferenceOptions {
  port?: number;
  faults?: readonly string[];
  liberties?: readonly string[];
  seed?: number;
  now?: () => Date;
  options?: Record<string, unknown>;
  modules?: readonly PackModule[];
}

export interface RunningReference {
  url: string;
  /** Absolute base URL per pack id. */
  bases: Record<string, string>;
  faults: readonly string[];
  liberties: readonly string[];
  /** Dynamic fixtures per pack (also served as JSON at FIXTURES_PATH). */
  fixtures(): Record<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/** Where `serve` publishes the world's dynamic fixtures, for targets.yaml `fixturesFrom`. */
export const FIXTURES_PATH = '/_reference/fixtures';

function checkNames(kind: 'fault' | 'liberty', requested: readonly string[], known: ReadonlyArray<{ name: string }>): void {
  const names = new Set(known.map((f) => f.name));
  const unknown = requested.filter((f) => !names.has(f));
  if (unknown.length > 0) {
    const plural = kind === 'fault' ? 'faults' : 'liberties';
    throw new UnknownFaultError(
      `unknown ${unknown.length > 1 ? plural : kind}: ${unknown.join(', ')} (list them with: booking-conformance serve --list-${plural})`,
    );
  }
}

interface Route {
  pack: string;
  basePath: string;
  handler: PackHandler;
}

/** Serves these pack modules (server.ts serves the whole catalogue; lazy-packs.ts imports just some). */
export async function startReferenceServer(modules: readonly PackModule[], opts: Omit<ReferenceOptions, 'modules'> = {}): Promise<RunningReference> {
  const faults = opts.faults ?? [];
  const liberties = opts.liberties ?? [];
  checkNames('fault', faults, modules.flatMap((m) => m.faults));
  checkNames('liberty', liberties, modules.flatMap((m) => m.liberties));
  const ctx: PackContext = {
    faults: new Set(faults),
    liberties: new Set(liberties),
    now: opts.now ?? (() => new Date()),
    seed: opts.seed ?? 1,
    options: opts.options ?? {},
  };
  // Longest base path first so '/ers/STU3/v1' wins over '/ers'.
  const routes: Route[] = modules
    .flatMap((m) => {
      const handler = m.create(ctx);
      return m.packs.map((p) => ({ pack: p.id, basePath: p.basePath, handler }));
    })
    .sort((a, b) => b.basePath.length - a.basePath.length);

  const handlers = [...new Set(routes.map((r) => r.handler))];
  const fixtures = () => Object.assign({}, ...handlers.map((h) => h.fixtures?.() ?? {})) as Record<string, Record<string, unknown>>;
  let origin = '';
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === FIXTURES_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fixtures()));
      return;
    }
    void serve(req, res, routes, origin).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
      }
      res.end(`reference target fault: ${String(err)}`);
    });
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, opts.port ?? 0);
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const bases = Object.fromEntries(routes.map((r) => [r.pack, origin + r.basePath]));
  return {
    url: origin,
    bases,
    faults,
    liberties,
    fixtures,
    close: () => closeServer(server),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      try {
        return decodeURIComponent(seg);
      } catch {
        return seg;
      }
    })
    .join('/');
}

async function serve(req: IncomingMessage, res: ServerResponse, routes: Route[], origin: string): Promise<void> {
  const url = new URL(req.url ?? '/', origin);
  const route = routes.find((r) => url.pathname === r.basePath || url.pathname.startsWith(r.basePath + '/'));
  const rawBody = await readBody(req);
  if (!route) {
    send(res, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `no spec pack is served at ${url.pathname}; packs: ${routes.map((r) => r.basePath).join(', ')}`,
    });
    return;
  }
  const request: RefRequest = {
    pack: route.pack,
    method: (req.method ?? 'GET').toUpperCase(),
    path: decodePath(url.pathname.slice(route.basePath.length) || '/'),
    query: url.searchParams,
    headers: flattenHeaders(req),
    rawBody,
    baseUrl: origin + route.basePath,
  };
  const response = await route.handler.handle(request);
  if (response.delayMs) await new Promise((r) => setTimeout(r, response.delayMs));
  if (response.destroy) {
    res.socket?.destroy();
    return;
  }
  send(res, response);
}

function send(res: ServerResponse, response: RefResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  let payload: string | undefined;
  if (response.body === undefined || response.body === null) {
    payload = undefined;
  } else if (typeof response.body === 'string') {
    payload = response.body;
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else {
    payload = JSON.stringify(response.body);
    if (!hasType) headers['content-type'] = 'application/fhir+json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
