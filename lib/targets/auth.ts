// A target pack's `auth:` as targets.yaml writes it, made ready to send: files read (a bearer
// token, a SMART private key) relative to the targets file, defaults filled, every credential
// collected as a secret; and each entry's kind held against what its pack's pack.yaml accepts.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { basicCredential } from '../auth/basic.ts';
import { readTokenFile } from '../auth/bearer.ts';
import { authKindMismatch } from '../auth/kinds.ts';
import { clientCredentialsSecrets } from '../auth/oauth2.ts';
import { signingKey } from '../auth/smart-backend.ts';
import type { InputError, PathSegment, YamlSource } from '../diagnostics/input-error.ts';
import type { PackDef } from '../model/pack.ts';
import { packOfEntry } from '../model/pack-entry.ts';
import type { TargetsFile } from './load.ts';
import type { AuthConfig, SmartSigningAlg } from '../model/target.ts';

/** What the schema lets through for each kind (the schema checked the shape; env is resolved). */
export type RawAuth =
  | Exclude<AuthConfig, { kind: 'bearer' | 'oauth2-client-credentials' | 'smart-backend' }>
  | { kind: 'bearer'; token?: string; tokenFile?: string }
  | { kind: 'oauth2-client-credentials'; tokenUrl: string; clientId: string; clientSecret: string; scope?: string; audience?: string; clientAuth?: 'basic' | 'body' }
  | { kind: 'smart-backend'; tokenUrl: string; clientId: string; scope: string; privateKeyFile: string; passphrase?: string; alg?: SmartSigningAlg; kid?: string };

export interface AuthContext {
  /** Where this entry's `auth` is in the targets file. */
  at: PathSegment[];
  src: YamlSource;
  /** The targets file's folder: relative files are read from there. */
  baseDir: string;
  errors: InputError[];
  secrets: Set<string>;
}

/** The entry's auth ready to send (absent: none); errors and secrets go to the context. */
export function resolveAuth(raw: RawAuth | undefined, ctx: AuthContext): AuthConfig {
  const auth = ready(raw ?? { kind: 'none' }, ctx);
  for (const s of authSecrets(auth)) ctx.secrets.add(s);
  return auth;
}

function ready(raw: RawAuth, ctx: AuthContext): AuthConfig {
  switch (raw.kind) {
    case 'bearer': {
      if ((raw.token === undefined) === (raw.tokenFile === undefined)) {
        ctx.errors.push(ctx.src.error(ctx.at, `a bearer auth gives its token as 'token' (use \${env:NAME}) or as 'tokenFile', one of the two`));
        return { kind: 'bearer', token: raw.token ?? '' };
      }
      if (raw.token !== undefined) return { kind: 'bearer', token: raw.token };
      const file = readable(raw.tokenFile!, 'tokenFile', 'token file', ctx);
      const token = file ? readTokenFile(file) : '';
      if (file && token === '') ctx.errors.push(ctx.src.error([...ctx.at, 'tokenFile'], `token file is empty: ${file}`));
      return { kind: 'bearer', token, ...(file ? { tokenFile: file } : {}) };
    }
    case 'basic':
      // RFC 7617: the user-id cannot hold a colon (the first one ends it).
      if (raw.username.includes(':')) ctx.errors.push(ctx.src.error([...ctx.at, 'username'], `a Basic username cannot contain ':'`));
      return raw;
    case 'oauth2-client-credentials':
      checkTokenUrl(raw.tokenUrl, ctx);
      return {
        kind: raw.kind,
        tokenUrl: raw.tokenUrl,
        clientId: raw.clientId,
        clientSecret: raw.clientSecret,
        ...(raw.scope ? { scope: raw.scope } : {}),
        ...(raw.audience ? { audience: raw.audience } : {}),
        clientAuth: raw.clientAuth ?? 'basic',
      };
    case 'smart-backend': {
      checkTokenUrl(raw.tokenUrl, ctx);
      const file = readable(raw.privateKeyFile, 'privateKeyFile', 'private key file', ctx);
      const privateKey = file ? readFileSync(file, 'utf8') : '';
      let alg: SmartSigningAlg = raw.alg ?? 'RS384';
      if (file) {
        const key = signingKey(privateKey, raw.passphrase, raw.alg);
        if ('error' in key) ctx.errors.push(ctx.src.error([...ctx.at, key.about === 'alg' ? 'alg' : 'privateKeyFile'], `${file}: ${key.error}`));
        else alg = key.alg;
      }
      return {
        kind: raw.kind,
        tokenUrl: raw.tokenUrl,
        clientId: raw.clientId,
        scope: raw.scope,
        privateKeyFile: file ?? raw.privateKeyFile,
        privateKey,
        ...(raw.passphrase ? { passphrase: raw.passphrase } : {}),
        alg,
        ...(raw.kid ? { kid: raw.kid } : {}),
      };
    }
    default:
      return raw;
  }
}

/** Every credential a configuration holds, in each form it may travel (the Basic base64 too). */
export function authSecrets(auth: AuthConfig): string[] {
  switch (auth.kind) {
    case 'ers-session':
      return [auth.sessionKey];
    case 'apim-bearer':
    case 'bearer':
      return [auth.token];
    case 'basic':
      return [auth.password, basicCredential(auth.username, auth.password)];
    case 'oauth2-client-credentials':
      return clientCredentialsSecrets(auth);
    case 'smart-backend':
      return [auth.privateKey, ...(auth.passphrase ? [auth.passphrase] : [])];
    default:
      return [];
  }
}

/** The absolute path of a file the entry names, or undefined (and an error at the key) when there is none. */
function readable(file: string, key: string, what: string, ctx: AuthContext): string | undefined {
  const abs = isAbsolute(file) ? file : join(ctx.baseDir, file);
  if (existsSync(abs)) return abs;
  ctx.errors.push(ctx.src.error([...ctx.at, key], `${what} not found: ${abs}`));
  return undefined;
}

function checkTokenUrl(url: string, ctx: AuthContext): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    ctx.errors.push(ctx.src.error([...ctx.at, 'tokenUrl'], `tokenUrl must be an absolute http(s) URL (got '${url}')`));
  }
}

/**
 * A target pack whose auth kind its pack does not accept is an error at the entry's `auth` (or at
 * the pack key, when it configures none): a pack that declares `auth: none` never sends another
 * kind's headers.
 */
export function authKindErrors(tf: TargetsFile, targetNames: readonly string[], packs: ReadonlyMap<string, PackDef>): InputError[] {
  const src = tf.src;
  const targets = (src.value as { targets?: Record<string, { packs?: Record<string, { auth?: { kind?: string } }> }> }).targets ?? {};
  const errors: InputError[] = [];
  for (const name of targetNames) {
    for (const [id, entry] of Object.entries(targets[name]?.packs ?? {})) {
      const pack = packs.get(packOfEntry(id));
      if (!pack) continue;
      const kind = (entry?.auth?.kind ?? 'none') as AuthConfig['kind'];
      const mismatch = authKindMismatch(pack, kind);
      if (!mismatch) continue;
      const at: PathSegment[] = entry?.auth ? ['targets', name, 'packs', id, 'auth'] : ['targets', name, 'packs', id];
      errors.push(src.error(at, `target '${name}': ${mismatch}`, { key: true }));
    }
  }
  return errors;
}
