// The one HTTP stack: undici with an explicit dispatcher (TLS verification on unless the
// target turns it off), an exact per-request time limit, bounded bodies, a bounded retry
// policy, and transport failures told apart in words a supplier understands.

import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import type { AttemptRecord, HttpRequest } from '../model/result.ts';
import type { RetryPolicy, TlsConfig } from '../model/target.ts';
import { decodeBody } from './decode.ts';


export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The decoded body; only a prefix when `truncated`, a lossy rendering when `invalidUtf8`. */
  body: string;
  /** Bytes of body received from the wire (absent in responses built by hand, e.g. in tests). */
  bodyBytes?: number;
  durationMs: number;
  /** Reading stopped past the target's maxBodyBytes (the rest was never read): the body is not parsed. */
  truncated?: { limitBytes: number; receivedBytes: number };
  /** The body's bytes are not UTF-8: the first bad byte's offset. The body is not parsed. */
  invalidUtf8?: { offset: number };
  /** Every try, when a retry policy made more than one; this response is the last. */
  attempts?: AttemptRecord[];
}

export type TransportKind = 'timeout' | 'deadline' | 'refused' | 'closed' | 'tls' | 'dns' | 'other';

/** The request could not complete: an errored check, never a failed one. */
export class TransportError extends Error {
  /** Every try, when a retry policy made more than one; this error is the last. */
  attempts?: AttemptRecord[];
  constructor(
    readonly kind: TransportKind,
    message: string,
  ) {
    super(message);
  }
}

export interface SendOptions {
  /** This request's own limit (a step's timeoutMs); the target's otherwise. */
  timeoutMs?: number;
  /** The run's deadline: when it aborts, the request in flight is abandoned. */
  deadline?: AbortSignal;
  /** The pack allows retrying POST (pack.yaml retryPost: true). */
  retryPost?: boolean;
}

export interface HttpClient {
  send(req: HttpRequest, opts?: SendOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

export interface ClientLimits {
  /** Stop reading a body past this many bytes (default 10 MiB). */
  maxBodyBytes?: number;
  retry?: RetryPolicy;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** What a truncated body keeps for the report: the recorded prefix plus room to redact a secret cut at its end. */
const TRUNCATED_KEEP_BYTES = 80 * 1024;
/** Idempotent methods retried by default; POST only where the pack allows it. PUT and DELETE are left alone: a provider's If-Match rules make a repeat observable. */
const RETRIED_METHODS = new Set(['GET', 'HEAD']);
/** Failures worth another try: the target may answer next time. DNS, TLS and the run's deadline will not change. */
const RETRIED_KINDS = new Set<TransportKind>(['timeout', 'refused', 'closed']);

export function createHttpClient(tls: TlsConfig, timeoutMs: number, limits: ClientLimits = {}): HttpClient {
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
    // Our AbortSignal is the one exact limit; undici's coarse 300 s timers would cut a step allowed minutes.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const ctx: SendContext = { dispatcher, maxBodyBytes: limits.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, mutualTls: !!tls.cert, timeoutMs };
  const policy = limits.retry ?? { attempts: 1, backoffMs: 0 };
  return {
    send: (req, opts = {}) => sendWithRetry(req, opts, ctx, policy),
    close: () => dispatcher.close(),
  };
}

interface SendContext {
  dispatcher: Agent;
  maxBodyBytes: number;
  mutualTls: boolean;
  timeoutMs: number;
}

export function isRetryable(method: string, retryPost: boolean): boolean {
  const m = method.toUpperCase();
  return RETRIED_METHODS.has(m) || (m === 'POST' && retryPost);
}

/** Transport failures and 5xx are tried again, up to the policy's attempts; a 4xx never is. The last attempt counts. */
async function sendWithRetry(req: HttpRequest, opts: SendOptions, ctx: SendContext, policy: RetryPolicy): Promise<HttpResponse> {
  const max = isRetryable(req.method, !!opts.retryPost) ? Math.max(1, policy.attempts) : 1;
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const started = performance.now();
    try {
      const res = await sendOnce(req, opts, ctx);
      attempts.push({ status: res.status, durationMs: res.durationMs });
      if (res.status < 500 || n >= max) return attempts.length > 1 ? { ...res, attempts } : res;
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      attempts.push({ error: err.message, durationMs: Math.round(performance.now() - started) });
      if (!RETRIED_KINDS.has(err.kind) || n >= max) throw withAttempts(err, attempts);
    }
    await backoff(waitBefore(n + 1, policy.backoffMs), req, opts.deadline, attempts);
  }
}

/** Doubling from backoffMs, never longer than MAX_BACKOFF_MS (or backoffMs itself, if set longer): retries stay bounded in time too. */
const MAX_BACKOFF_MS = 30_000;
export function waitBefore(attempt: number, backoffMs: number): number {
  return Math.min(backoffMs * 2 ** (attempt - 2), Math.max(backoffMs, MAX_BACKOFF_MS));
}

function withAttempts(err: TransportError, attempts: AttemptRecord[]): TransportError {
  if (attempts.length < 2) return err;
  const out = new TransportError(err.kind, `after ${attempts.length} attempts: ${err.message}`);
  out.attempts = attempts;
  return out;
}

async function backoff(ms: number, req: HttpRequest, deadline: AbortSignal | undefined, attempts: AttemptRecord[]): Promise<void> {
  if (ms <= 0 && !deadline?.aborted) return;
  try {
    await sleep(ms, undefined, deadline ? { signal: deadline } : {});
  } catch {
    throw withAttempts(deadlineError(req, undefined, deadline?.reason), attempts);
  }
}

async function sendOnce(req: HttpRequest, opts: SendOptions, ctx: SendContext): Promise<HttpResponse> {
  const limitMs = opts.timeoutMs ?? ctx.timeoutMs;
  const { signal, dispose } = requestSignal(limitMs, opts.deadline);
  const started = performance.now();
  const progress: Progress = { received: 0 };
  try {
    const res = await request(req.url, {
      method: req.method as 'GET',
      headers: req.headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
      dispatcher: ctx.dispatcher,
      signal,
    });
    progress.status = res.statusCode;
    const read = await readBounded(res.body, ctx.maxBodyBytes, progress);
    const decoded = decodeBody(read.bytes, read.truncated);
    return {
      status: res.statusCode,
      headers: flatten(res.headers),
      body: decoded.text,
      bodyBytes: read.received,
      durationMs: Math.round(performance.now() - started),
      ...(read.truncated ? { truncated: { limitBytes: ctx.maxBodyBytes, receivedBytes: read.received } } : {}),
      ...(decoded.invalidAt !== undefined ? { invalidUtf8: { offset: decoded.invalidAt } } : {}),
    };
  } catch (err) {
    if (opts.deadline?.aborted) throw deadlineError(req, progress, opts.deadline.reason);
    throw classify(err, limitMs, req, ctx.mutualTls, progress);
  } finally {
    dispose();
  }
}

/**
 * What undici takes as a request's signal: an EventEmitter with `aborted`, `reason` and an 'abort'
 * event does as an AbortSignal does (undici reads the reason the same way), at a fraction of an
 * AbortController's and EventTarget's cost per request.
 */
class RequestSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * The request's exact limit, linked to the run's deadline. Not AbortSignal.any: on node 20 it keeps
 * every combined signal alive as long as the long-lived deadline (nodejs/node#55351). Not
 * AbortSignal.timeout either: a plain timer costs a fraction of it per request (profiled: 35 µs a
 * request of the runner's overhead). The deadline gets one listener for all the requests in flight
 * (inFlight), not one each: at a target's concurrency, with races, more than ten were in flight and
 * node warned of a listener leak that was none.
 */
function requestSignal(limitMs: number, deadline: AbortSignal | undefined): { signal: RequestSignal; dispose(): void } {
  const linked = new RequestSignal();
  // The reason AbortSignal.timeout gives, so a timeout reads the same (classify: TimeoutError).
  const timer = setTimeout(() => linked.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), limitMs);
  timer.unref();
  if (!deadline) return { signal: linked, dispose: () => clearTimeout(timer) };
  if (deadline.aborted) {
    linked.abort(deadline.reason);
    return { signal: linked, dispose: () => clearTimeout(timer) };
  }
  const live = inFlightOn(deadline);
  live.add(linked);
  return {
    signal: linked,
    dispose: () => {
      clearTimeout(timer);
      live.delete(linked);
    },
  };
}

/** Per deadline signal: the requests in flight it aborts, under its one listener. */
const inFlight = new WeakMap<AbortSignal, Set<RequestSignal>>();

function inFlightOn(deadline: AbortSignal): Set<RequestSignal> {
  let live = inFlight.get(deadline);
  if (!live) {
    const set = new Set<RequestSignal>();
    live = set;
    inFlight.set(deadline, set);
    deadline.addEventListener('abort', () => {
      for (const c of [...set]) c.abort(deadline.reason);
      set.clear();
    }, { once: true });
  }
  return live;
}

/** How far a response got before it failed: a failure after the headers says so. */
interface Progress {
  status?: number;
  received: number;
}

/**
 * Reads up to the cap, then destroys the body: memory stays bounded whatever the target sends.
 * Listeners rather than for await: the async iterator costs more than the reading on small bodies.
 */
function readBounded(body: Dispatcher.ResponseData['body'], limit: number, progress: Progress): Promise<{ bytes: Buffer; received: number; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      f();
    };
    const onData = (chunk: Buffer) => {
      progress.received += chunk.length;
      if (progress.received > limit) {
        settle(() => resolve({ bytes: prefixOf(chunks, TRUNCATED_KEEP_BYTES), received: progress.received, truncated: true }));
        body.destroy();
        return;
      }
      chunks.push(chunk);
    };
    // Already failed before these listeners (what for await would have found out): say so at once.
    const premature = () => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    if (body.errored || body.destroyed) {
      settled = true;
      reject(body.errored ?? premature());
      return;
    }
    body.on('data', onData);
    // One chunk (most answers) is decoded as it came, not copied first.
    body.once('end', () => settle(() => resolve({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), received: progress.received, truncated: false })));
    body.once('error', (err) => settle(() => reject(err)));
    // Closed without end or error: what for await reports as a premature close.
    body.once('close', () => settle(() => reject(premature())));
  });
}

/** The first `max` bytes of the chunks, copied, so the rest can be freed. */
function prefixOf(chunks: Buffer[], max: number): Buffer {
  const kept: Buffer[] = [];
  let size = 0;
  for (const c of chunks) {
    if (size >= max) break;
    kept.push(c.subarray(0, max - size));
    size += kept[kept.length - 1]!.length;
  }
  return Buffer.concat(kept);
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Why the run stopped a request: its deadline, or an interruption that says so in its reason. */
export class RunStopped extends Error {}

function deadlineError(req: HttpRequest, progress?: Progress, reason?: unknown): TransportError {
  const got = progress?.status !== undefined ? `; it had answered ${progress.status} and sent ${progress.received} bytes of body` : '';
  const why = reason instanceof RunStopped ? reason.message : "the run's deadline (--deadline) passed";
  return new TransportError('deadline', `${why} before the target finished answering${got} (${req.method} ${req.url})`);
}


function classify(err: unknown, timeoutMs: number, req: HttpRequest, mutualTls: boolean, progress: Progress): TransportError {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const where = `${req.method} ${req.url}`;
  const answered = progress.status !== undefined;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    // After the headers the same failure means something else to a supplier: say which part never came.
    if (answered) return new TransportError('timeout', `the body did not complete within ${timeoutMs} ms: the target answered ${progress.status} but had sent only ${progress.received} bytes of body (${where})`);
    return new TransportError('timeout', `no response within ${timeoutMs} ms (${where})`);
  }
  if (code === 'ECONNREFUSED') return new TransportError('refused', `connection refused (${where}): is the target running?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `host not found: the name ${hostOf(req.url)} has no DNS entry (${where})`);
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    if (answered) return new TransportError('closed', `the target closed the connection after sending the headers (status ${progress.status}) and ${progress.received} bytes of body (${where})`);
    const hint = mutualTls ? ' (client certificate rejected?)' : '';
    return new TransportError('closed', `the target closed the connection before answering${hint} (${where})`);
  }
  const tls = tlsProblem(code, e.cause?.message ?? e.message ?? '');
  if (tls) return new TransportError('tls', `TLS failure: ${tls} (${where})`);
  return new TransportError('other', `${e.message ?? String(err)}${code ? ` [${code}]` : ''} (${where})`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** Node's TLS codes, said as the supplier would fix them. */
function tlsProblem(code: string, message: string): string | undefined {
  const plain: Record<string, string> = {
    DEPTH_ZERO_SELF_SIGNED_CERT: "the target's certificate is self-signed and not trusted (give its CA in the target's tls.ca)",
    SELF_SIGNED_CERT_IN_CHAIN: "the target's certificate chain ends in a self-signed CA that is not trusted (give it in tls.ca)",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the target's certificate is not signed by a trusted CA (give the CA in tls.ca, or the target should send its intermediate certificates)",
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the target's certificate issuer is not trusted (give the CA in tls.ca)",
    CERT_HAS_EXPIRED: "the target's certificate has expired",
    CERT_NOT_YET_VALID: "the target's certificate is not valid yet",
    ERR_TLS_CERT_ALTNAME_INVALID: "the target's certificate does not name this host",
  };
  if (plain[code]) return `${plain[code]} [${code}]`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) || /certificate|TLS/i.test(message)) return `${message || code}${code ? ` [${code}]` : ''}`;
  return undefined;
}
