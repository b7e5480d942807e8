// Test helper: one local server on 127.0.0.1 with a route per way a target misbehaves, and
// the glue to run a tiny inline suite against it through the real runner.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadWorkspace } from '../loader/workspace.ts';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { RunEvents } from '../runner/events.ts';
import { runSelected, type SelectedRunOptions } from '../session/session.ts';
import type { Target } from '../model/target.ts';
import { tempProject, TEST_PACK } from './workspace.ts';

export interface MisbehavingServer {
  base: string;
  /** Requests per path and query, for retry tests. */
  hits(url: string): number;
  /** Bytes the /huge route actually wrote, per request, in order. */
  hugeSent: number[];
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, s: State) => void;

interface State {
  hits: Map<string, number>;
  hugeSent: number[];
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/fhir+json' });
  res.end(JSON.stringify(body));
};

const ROUTES: Record<string, Route> = {
  '/slow': (_req, res) => void setTimeout(() => res.end('{}'), 2000),
  '/slowish': (_req, res) => void setTimeout(() => json(res, 200, { resourceType: 'Basic', id: 'slowish' }), 800),
  '/close': (req) => void req.socket.destroy(),
  '/hang': () => {},
  '/html': (_req, res) => {
    res.writeHead(201, { 'content-type': 'text/html' });
    res.end('<html><body>Bad gateway</body></html>');
  },
  '/text': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Service is up');
  },
  '/empty': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end();
  },
  '/bad-utf8': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8' });
    // 18 bytes of valid JSON text, then a byte that can never start a UTF-8 character.
    res.end(Buffer.concat([Buffer.from('{"resourceType":"B'), Buffer.from([0xff]), Buffer.from('asic"}')]));
  },
  '/redirect': (_req, res) => {
    res.writeHead(302, { location: '/elsewhere', 'content-type': 'text/html' });
    res.end('<a href="/elsewhere">Found</a>');
  },
  '/reset-mid-body': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': '1000' });
    res.write('{"resourceType":"Basic","padding":"' + 'x'.repeat(64));
    setTimeout(() => req.socket.destroy(), 30);
  },
  '/reset-after-headers': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.flushHeaders();
    setTimeout(() => req.socket.destroy(), 30);
  },
  // Drips one byte every 100 ms: each byte arrives, the whole never does in time.
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.flushHeaders();
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  },
  '/huge': (req, res, s) => streamHuge(req, res, s),
  // 503 twice, then a resource: a target that recovers (counted per path and query, so each test has its own).
  '/flaky': (req, res, s) => ((s.hits.get(req.url!) ?? 0) <= 2 ? json(res, 503, { resourceType: 'OperationOutcome' }) : json(res, 200, { resourceType: 'Basic', id: 'flaky' })),
  '/always-500': (_req, res) => json(res, 500, { resourceType: 'OperationOutcome' }),
  '/not-found': (_req, res) => json(res, 404, { resourceType: 'OperationOutcome' }),
};

/** ?mb=N MiB of a JSON string, generated as it is written (never held), honouring backpressure. */
function streamHuge(req: IncomingMessage, res: ServerResponse, s: State): void {
  const total = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('mb') ?? '100') * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const index = s.hugeSent.push(0) - 1;
  res.writeHead(200, { 'content-type': 'application/fhir+json', 'content-length': String(total) });
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const pump = () => {
    while (!closed && sent < total) {
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      s.hugeSent[index] = sent;
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  pump();
}

export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const state: State = { hits: new Map(), hugeSent: [] };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    state.hits.set(url, (state.hits.get(url) ?? 0) + 1);
    const route = ROUTES[new URL(url, 'http://x').pathname];
    if (route) return route(req, res, state);
    // Echoes the request headers, as some misconfigured proxies do.
    json(res, 200, { resourceType: 'Basic', id: '1', echo: req.headers });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: (url) => state.hits.get(url) ?? 0,
    hugeSent: state.hugeSent,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface OneStep {
  id: string;
  /** A path on the pack base, or an absolute URL. */
  path: string;
  method?: string;
  /** YAML flow mapping of the step's expect. */
  expect: string;
  timeoutMs?: number;
  headers?: string;
}

/** A throw-away project with one suite: each scenario is one step. `pack` replaces the test pack.yaml. */
export function oneStepProject(steps: OneStep[], pack: string = TEST_PACK): string {
  const scenario = (s: OneStep) => `  - id: ${s.id}
    title: ${s.path}
    level: MUST
    requirement: r
    source: s
    steps:
      - name: call ${s.path}
        request: { method: ${s.method ?? 'GET'}, path: "${s.path}"${s.headers ? `, headers: ${s.headers}` : ''} }${s.timeoutMs !== undefined ? `\n        timeoutMs: ${s.timeoutMs}` : ''}
        expect: ${s.expect}
`;
  return tempProject({
    'suites/test-pack/pack.yaml': pack,
    'suites/test-pack/t.yaml': `suite: t\npack: test-pack\ntitle: T\nscenarios:\n${steps.map(scenario).join('')}`,
  });
}

export function testTarget(base: string, more: Partial<Target> = {}): Target {
  return {
    name: 'misbehaving',
    file: 'targets.yaml',
    testEnvironment: true,
    timeoutMs: 300,
    concurrency: 1,
    headers: {},
    tls: { verify: true },
    packs: { 'test-pack': { base, headers: {}, auth: { kind: 'none' }, fixtures: {} } },
    secrets: [],
    ...more,
  };
}

export interface ProjectRun {
  summary: RunSummary;
  results: ScenarioResult[];
  byId: Record<string, ScenarioResult>;
  /** Whether the runner's events ended with run:end (reports are written on it). */
  ended: boolean;
}

export async function runProject(root: string, target: Target, opts: Partial<Omit<SelectedRunOptions, 'workspace' | 'target'>> = {}): Promise<ProjectRun> {
  const events = opts.events ?? new RunEvents();
  let ended = false;
  events.on('run:end', () => (ended = true));
  const { summary, results } = await runSelected({ workspace: loadWorkspace({ root }), target, seed: 1, ...opts, events });
  return { summary, results, byId: Object.fromEntries(results.map((r) => [r.id, r])), ended };
}
