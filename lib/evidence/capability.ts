// The target's CapabilityStatement of each pack, as the target served it when the pack was made:
// GET <pack base>/metadata with the headers the pack's requests carry (its defaults, the target's,
// the identity of its auth kind), redacted as reports are. A failure to fetch is recorded, never
// fatal: the pack is evidence of the run, and "the target would not say" is evidence too.

import { AccessTokens } from '../auth/access-tokens.ts';
import { requestAuthHeaders } from '../auth/headers.ts';
import { createHttpClient, TransportError } from '../http/client.ts';
import { Redactor } from '../http/redact.ts';
import type { PackDef } from '../model/pack.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { HttpRequest } from '../model/result.ts';
import type { Target } from '../model/target.ts';
import { bodyField } from '../report/body-doc.ts';

export type CapabilityRecord = {
  pack: string;
  fetchedAt: string;
  request: HttpRequest;
} & (
  | { outcome: 'answered'; response: { status: number; headers: Record<string, string>; durationMs: number } & ReturnType<typeof bodyField>; resourceType?: string }
  | { outcome: 'not-fetched'; error: string }
);

/** The interaction a pack names for reading the metadata (GP Connect's Ssp-InteractionID), if it has one. */
function metadataInteraction(pack: PackDef): string | undefined {
  return Object.keys(pack.interactions).find((id) => /:metadata(-\d+)?$/.test(id));
}

async function metadataRequest(pack: PackDef, target: Target, name: string, tokens: AccessTokens): Promise<{ http: HttpRequest; secrets: string[] }> {
  const tp = target.packs[name]!;
  const interaction = metadataInteraction(pack);
  // OAuth2 and SMART kinds fetch their access token first, as a step's request does.
  const auth = await requestAuthHeaders({ pack, auth: tp.auth, base: tp.base, ...(interaction ? { interaction } : {}), nowS: Math.floor(Date.now() / 1000) }, tokens);
  const headers: Record<string, string> = {};
  // The same precedence as a step's request: pack defaults < target < target pack < auth.
  for (const layer of [pack.defaultHeaders, target.headers, tp.headers, auth.headers]) {
    for (const [k, v] of Object.entries(layer)) {
      for (const old of Object.keys(headers)) if (old.toLowerCase() === k.toLowerCase()) delete headers[old];
      headers[k] = v;
    }
  }
  return { http: { method: 'GET', url: `${tp.base.replace(/\/+$/, '')}/metadata`, headers }, secrets: auth.secrets };
}

/** Fetches every pack's CapabilityStatement (the packs the target configures and the workspace knows). */
export async function fetchCapabilityStatements(target: Target, packs: ReadonlyMap<string, PackDef>, only?: ReadonlySet<string>): Promise<CapabilityRecord[]> {
  const client = createHttpClient(target.tls, target.timeoutMs, target.maxBodyBytes ? { maxBodyBytes: target.maxBodyBytes } : {});
  const base = new Redactor(target.secrets);
  try {
    // An instance entry (pack@label) is its pack at another endpoint.
    const names = Object.keys(target.packs).filter((n) => packs.has(packOfEntry(n)) && (!only || only.has(n))).sort();
    const tokens = new AccessTokens(client);
    return await Promise.all(names.map((name) => fetchOne(name, packs.get(packOfEntry(name))!, target, client, base, tokens)));
  } finally {
    await client.close();
  }
}

async function fetchOne(name: string, pack: PackDef, target: Target, client: ReturnType<typeof createHttpClient>, base: Redactor, tokens: AccessTokens): Promise<CapabilityRecord> {
  const fetchedAt = new Date().toISOString();
  let built;
  try {
    built = await metadataRequest(pack, target, name, tokens);
  } catch (err) {
    return { pack: name, fetchedAt, request: { method: 'GET', url: base.text(`${target.packs[name]!.base}/metadata`), headers: {} }, outcome: 'not-fetched', error: base.text((err as Error).message) };
  }
  const redactor = base.with(built.secrets);
  const request = redactor.request(built.http);
  try {
    const res = await client.send(built.http);
    const body = redactor.text(res.body);
    const field = bodyField(body, Number.POSITIVE_INFINITY);
    const resourceType = 'json' in field && typeof field.json === 'object' && field.json !== null ? (field.json as { resourceType?: unknown }).resourceType : undefined;
    return {
      pack: name,
      fetchedAt,
      request,
      outcome: 'answered',
      response: { status: res.status, headers: redactor.headers(res.headers), durationMs: res.durationMs, ...field },
      ...(typeof resourceType === 'string' ? { resourceType } : {}),
    };
  } catch (err) {
    const kind = err instanceof TransportError ? `${err.kind}: ` : '';
    return { pack: name, fetchedAt, request, outcome: 'not-fetched', error: redactor.text(`${kind}${(err as Error).message}`) };
  }
}
