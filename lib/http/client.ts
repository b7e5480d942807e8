// The one HTTP stack: undici with an explicit dispatcher (TLS verification on unless the
// target turns it off), an exact per-request time limit, and transport failures told apart.

import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import type { TlsConfig } from '../targets/model.ts';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

export type TransportKind = 'timeout' | 'refused' | 'closed' | 'tls' | 'dns' | 'other';

/** The request could not complete: an errored check, never a failed one. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportKind,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export function createHttpClient(tls: TlsConfig, timeoutMs: number): HttpClient {
  const read = (f?: string) => (f ? readFileSync(f) : undefined);
  const dispatcher = new Agent({
    connect: {
      rejectUnauthorized: tls.verify,
      ...(tls.ca ? { ca: read(tls.ca) } : {}),
      ...(tls.cert ? { cert: read(tls.cert) } : {}),
      ...(tls.key ? { key: read(tls.key) } : {}),
      ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
      ...(tls.servername ? { servername: tls.servername } : {}),
    },
    connections: 64,
  });
  const mutualTls = !!tls.cert;
  return {
    async send(req) {
      const started = performance.now();
      try {
        const res = await request(req.url, {
          method: req.method as 'GET',
          headers: req.headers,
          ...(req.body !== undefined ? { body: req.body } : {}),
          dispatcher,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = await res.body.text();
        return { status: res.statusCode, headers: flatten(res.headers), body, durationMs: Math.round(performance.now() - started) };
      } catch (err) {
        throw classify(err, timeoutMs, req, mutualTls);
      }
    },
    close: () => dispatcher.close(),
  };
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function classify(err: unknown, timeoutMs: number, req: HttpRequest, mutualTls: boolean): TransportError {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const where = `${req.method} ${req.url}`;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportError('timeout', `no response within ${timeoutMs} ms (${where})`);
  }
  if (code === 'ECONNREFUSED') return new TransportError('refused', `connection refused (${where}): is the target running?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `host not found (${where})`);
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
    const hint = mutualTls ? ' (client certificate rejected?)' : '';
    return new TransportError('closed', `the target closed the connection before answering${hint} (${where})`);
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|TLS/i.test(e.message ?? '')) {
    return new TransportError('tls', `TLS failure: ${e.cause?.message ?? e.message ?? code} (${where})`);
  }
  return new TransportError('other', `${e.message ?? String(err)}${code ? ` [${code}]` : ''} (${where})`);
}
