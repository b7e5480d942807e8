import { describe, expect, it } from 'vitest';
import { inputErrorLines, tempTargetsFile } from '../testing/input-errors.ts';
import { readTargetsFile, selectTarget } from './load.ts';

const file = tempTargetsFile;
const messages = inputErrorLines;

const ERS = `targets:
  t:
    packs:
      ers-a016:
        base: https://ers.example/ers-api/STU3/v1
        auth: { kind: ers-session, asid: "200000000203", sessionKey: "\${env:ERS_KEY}" }
        fixtures:
          ubrns: { sequence: { from: "000000070000", count: 3 } }
`;

describe('targets file', () => {
  it('resolves env secrets, marks them secret, expands fixture sequences and keeps TLS verification on', () => {
    const tf = readTargetsFile(file(ERS), '/');
    const t = selectTarget(tf, 't', { ERS_KEY: 'session-abc-123' });
    expect(t.packs['ers-a016']!.auth).toMatchObject({ kind: 'ers-session', sessionKey: 'session-abc-123' });
    expect(t.secrets).toContain('session-abc-123');
    expect(t.packs['ers-a016']!.fixtures['ubrns']).toEqual(['000000070000', '000000070001', '000000070002']);
    expect(t.tls.verify).toBe(true);
    expect(t.testEnvironment).toBe(false);
  });

  it('names an unset environment variable at its position', () => {
    const tf = readTargetsFile(file(ERS), '/');
    expect(messages(() => selectTarget(tf, 't', {}))).toEqual([expect.stringMatching(/targets\.yaml:6:70: environment variable ERS_KEY is not set$/)]);
  });

  it('reports a wrong entry with its position', () => {
    const bad = `targets:\n  t:\n    timeoutMs: soon\n    packs:\n      p:\n        base: ftp://x\n        auth: { kind: gpconnect-jwt, sspFrom: "1" }\n`;
    const errs = messages(() => readTargetsFile(file(bad), '/'));
    expect(errs.some((e) => /targets\.yaml:3:16: 'targets\.t\.timeoutMs' must be integer/.test(e))).toBe(true);
    expect(errs.some((e) => /targets\.yaml:7:\d+: 'targets\.t\.packs\.p\.auth' is missing required key 'sspTo'/.test(e))).toBe(true);
  });

  it('rejects a base that is not an absolute http(s) URL, and an unknown target', () => {
    const tf = readTargetsFile(file(`targets:\n  t:\n    packs:\n      p: { base: "ftp://x/y" }\n`), '/');
    expect(messages(() => selectTarget(tf, 't', {}))).toEqual([expect.stringMatching(/targets\.yaml:4:\d+: base must use http or https/)]);
    expect(messages(() => selectTarget(tf, 'nope', {}))).toEqual([expect.stringMatching(/no target 'nope' in .*targets\.yaml \(targets: t\)/)]);
  });
});
