// The kinds that need nothing fetched (none, bearer, basic) and the rule that holds a target to
// its pack's declared kind: a pack that says `auth: none` refuses a target that configures auth,
// at load with the entry's position, and again when a request is built.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../diagnostics/input-error.ts';
import { loadWorkspace } from '../loader/workspace.ts';
import type { PackDef } from '../model/pack.ts';
import type { AuthConfig } from '../model/target.ts';
import { PROJECT_ROOT, targetsFilePath } from '../session/paths.ts';
import { openInputs } from '../session/session.ts';
import { authKindErrors, readTargetsFile, selectTarget } from '../targets/load.ts';
import { inputErrorLines, tempTargetsFile } from '../testing/input-errors.ts';
import { tempProject, TEST_PACK } from '../testing/workspace.ts';
import { AccessTokens } from './access-tokens.ts';
import { AuthConfigError, authHeaders, requestAuthHeaders } from './headers.ts';

const pack = (auth: PackDef['auth'], authKinds?: PackDef['authKinds']): PackDef => ({ id: 'test-pack', title: 'T', fhirVersion: 'r4', auth, ...(authKinds ? { authKinds } : {}), defaultHeaders: {}, interactions: {}, dir: '/' });
const headersOf = (p: PackDef, auth: AuthConfig) => authHeaders({ pack: p, auth, base: 'https://x', nowS: 0 });

function target(packAuth: string, dir?: string) {
  const text = `targets:\n  t:\n    packs:\n      test-pack:\n        base: https://fhir.example/r4\n${packAuth ? `        auth: ${packAuth}\n` : ''}`;
  const file = dir ? join(dir, 'targets.yaml') : tempTargetsFile(text);
  if (dir) writeFileSync(file, text);
  return readTargetsFile(file, '/');
}

describe('auth none', () => {
  it('sends no auth header at all', async () => {
    expect(headersOf(pack('none'), { kind: 'none' })).toEqual({ headers: {}, secrets: [] });
    expect(await requestAuthHeaders({ pack: pack('none'), auth: { kind: 'none' }, base: 'https://x', nowS: 0 }, new AccessTokens({ send: () => Promise.reject(new Error('no fetch')) }))).toEqual({ headers: {}, secrets: [] });
  });

  it('a pack that declares none refuses a target pack that configures auth, at the entry, when the target is chosen', () => {
    const ws = loadWorkspace({ root: tempProject({}) });
    expect(TEST_PACK).toContain('auth: none');
    const tf = target('{ kind: bearer, token: "${env:TOKEN}" }');
    const errors = authKindErrors(tf, ['t'], ws.packs);
    expect(errors.map((e) => e.message.split('\n')[0])).toEqual([
      expect.stringMatching(/targets\.yaml:6:9: target 't': pack test-pack declares auth: none \(its pack\.yaml\), the target configures 'bearer': remove the target pack's auth, or declare the kind in pack\.yaml$/),
    ]);
    expect(authKindErrors(target(''), ['t'], ws.packs)).toEqual([]);
    expect(authKindErrors(target('{ kind: none }'), ['t'], ws.packs)).toEqual([]);
  });

  it('and refuses it again where a request is built, instead of sending its headers', () => {
    expect(() => headersOf(pack('none'), { kind: 'bearer', token: 'tok-123456' })).toThrow(AuthConfigError);
    expect(() => headersOf(pack('none'), { kind: 'ers-session', asid: '1', sessionKey: 'k-123456' })).toThrow(/declares auth: none/);
  });

  it('a pack needing a kind refuses a target pack that configures none', () => {
    const ws = loadWorkspace({ root: tempProject({ 'suites/test-pack/pack.yaml': TEST_PACK.replace('auth: none', 'auth: basic') }) });
    expect(authKindErrors(target(''), ['t'], ws.packs).map((e) => e.message.split('\n')[0])).toEqual([expect.stringMatching(/targets\.yaml:4:7: target 't': pack test-pack needs auth kind 'basic', the target gives 'none'$/)]);
  });

  it('a generic pack lists the kinds it accepts; a kind pack.yaml does not know is an error at its position', () => {
    const generic = TEST_PACK.replace('auth: none', 'auth: [none, bearer, basic, oauth2-client-credentials, smart-backend]');
    const ws = loadWorkspace({ root: tempProject({ 'suites/test-pack/pack.yaml': generic }) });
    expect(ws.packs.get('test-pack')).toMatchObject({ auth: 'none', authKinds: ['none', 'bearer', 'basic', 'oauth2-client-credentials', 'smart-backend'] });
    expect(authKindErrors(target('{ kind: bearer, token: t }'), ['t'], ws.packs)).toEqual([]);
    expect(authKindErrors(target(''), ['t'], ws.packs)).toEqual([]);
    expect(authKindErrors(target('{ kind: ers-session, asid: "1", sessionKey: k }'), ['t'], ws.packs)[0]!.message).toMatch(/needs one of the auth kinds 'none', 'bearer', 'basic', 'oauth2-client-credentials', 'smart-backend', the target gives 'ers-session'/);
    let caught: unknown;
    try {
      loadWorkspace({ root: tempProject({ 'suites/test-pack/pack.yaml': TEST_PACK.replace('auth: none', 'auth: kerberos') }) });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputErrors);
    expect((caught as InputErrors).errors.map((e) => e.message.split('\n')[0])).toEqual([expect.stringMatching(/pack\.yaml:4:\d+: 'auth' must be one of/)]);
  });

  it('opening a run refuses a target whose entry gives a pack another kind, with the position', () => {
    const file = tempTargetsFile(`targets:\n  t:\n    packs:\n      ers-bookdirect:\n        base: https://ers.example/ers-api/v1\n        auth: { kind: bearer, token: tok-123456 }\n`);
    expect(inputErrorLines(() => openInputs({ targets: file, target: 't' }))).toEqual([expect.stringMatching(/targets\.yaml:6:9: target 't': pack ers-bookdirect needs auth kind 'ers-session', the target gives 'bearer'$/)]);
  });

  it("every pack of the project's own targets file gets the kind its pack.yaml declares", () => {
    const tf = readTargetsFile(targetsFilePath(), PROJECT_ROOT);
    const ws = loadWorkspace({ root: PROJECT_ROOT });
    expect(authKindErrors(tf, tf.names, ws.packs)).toEqual([]);
  });
});

describe('auth bearer', () => {
  it('takes its token from the environment, a secret, sent as Authorization: Bearer', () => {
    const t = selectTarget(target('{ kind: bearer, token: "${env:BC_TEST_TOKEN}" }'), 't', { BC_TEST_TOKEN: 'env-token-5e2a91' });
    expect(t.packs['test-pack']!.auth).toEqual({ kind: 'bearer', token: 'env-token-5e2a91' });
    expect(t.secrets).toContain('env-token-5e2a91');
    expect(headersOf(pack('bearer'), t.packs['test-pack']!.auth)).toEqual({ headers: { Authorization: 'Bearer env-token-5e2a91' }, secrets: ['env-token-5e2a91'] });
  });

  it('or from a file beside the targets file, without its trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-bearer-'));
    writeFileSync(join(dir, 'token.txt'), 'file-token-77c0d3\n');
    const t = selectTarget(target('{ kind: bearer, tokenFile: token.txt }', dir), 't', {});
    expect(t.packs['test-pack']!.auth).toEqual({ kind: 'bearer', token: 'file-token-77c0d3', tokenFile: join(dir, 'token.txt') });
    expect(t.secrets).toContain('file-token-77c0d3');
    expect(headersOf(pack('bearer'), t.packs['test-pack']!.auth).headers).toEqual({ Authorization: 'Bearer file-token-77c0d3' });
  });

  it('a missing or empty token file, or both token and tokenFile, are errors at their position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-bearer-'));
    writeFileSync(join(dir, 'empty.txt'), '\n');
    expect(inputErrorLines(() => selectTarget(target('{ kind: bearer, tokenFile: nope.txt }', dir), 't', {}))).toEqual([expect.stringMatching(/targets\.yaml:6:\d+: token file not found: .*nope\.txt$/)]);
    expect(inputErrorLines(() => selectTarget(target('{ kind: bearer, tokenFile: empty.txt }', dir), 't', {}))).toEqual([expect.stringMatching(/token file is empty/)]);
    expect(inputErrorLines(() => selectTarget(target('{ kind: bearer, token: a, tokenFile: empty.txt }', dir), 't', {}))).toEqual([expect.stringMatching(/targets\.yaml:6:\d+: a bearer auth gives its token as 'token' \(use \$\{env:NAME\}\) or as 'tokenFile', one of the two$/)]);
  });
});

describe('auth basic', () => {
  it('sends base64(username:password), and both the password and the credential are secrets', () => {
    const t = selectTarget(target('{ kind: basic, username: booking-user, password: "${env:BC_TEST_PASSWORD}" }'), 't', { BC_TEST_PASSWORD: 'pw-3f9a1c' });
    const credential = Buffer.from('booking-user:pw-3f9a1c').toString('base64');
    expect(headersOf(pack('basic'), t.packs['test-pack']!.auth)).toEqual({ headers: { Authorization: `Basic ${credential}` }, secrets: [credential, 'pw-3f9a1c'] });
    expect(t.secrets).toEqual(expect.arrayContaining(['pw-3f9a1c', credential]));
  });

  it('a username with a colon, or a missing password, is an error', () => {
    expect(inputErrorLines(() => selectTarget(target('{ kind: basic, username: "a:b", password: p }'), 't', {}))).toEqual([expect.stringMatching(/a Basic username cannot contain ':'/)]);
    expect(inputErrorLines(() => target('{ kind: basic, username: u }'))).toEqual([expect.stringMatching(/'targets\.t\.packs\.test-pack\.auth' is missing required key 'password'/)]);
  });
});

describe('oauth2-client-credentials in targets.yaml', () => {
  it('defaults to client_secret_basic and makes the secret, in every form it travels, a secret of the target', () => {
    const t = selectTarget(target('{ kind: oauth2-client-credentials, tokenUrl: "https://auth.example/token", clientId: c1, clientSecret: "${env:BC_CS}", scope: "system/*.read" }'), 't', { BC_CS: 'cs value/1' });
    expect(t.packs['test-pack']!.auth).toEqual({ kind: 'oauth2-client-credentials', tokenUrl: 'https://auth.example/token', clientId: 'c1', clientSecret: 'cs value/1', scope: 'system/*.read', clientAuth: 'basic' });
    expect(t.secrets).toEqual(expect.arrayContaining(['cs value/1', 'cs+value%2F1', Buffer.from('c1:cs+value%2F1').toString('base64')]));
  });

  it('an unknown clientAuth or key is a schema error', () => {
    const errs = inputErrorLines(() => target('{ kind: oauth2-client-credentials, tokenUrl: "https://a/t", clientId: c, clientSecret: s, clientAuth: jwt, grant: x }'));
    expect(errs).toEqual(expect.arrayContaining([expect.stringMatching(/clientAuth' must be one of/), expect.stringMatching(/unknown key 'grant'/)]));
  });
});
