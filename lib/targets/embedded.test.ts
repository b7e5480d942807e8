import { describe, expect, it } from 'vitest';
import { FIXTURES_PATH, startReferenceTarget } from '../reference-target/server.ts';
import { startTarget, TargetStartError } from './embedded.ts';
import type { Target } from '../model/target.ts';

const target = (base: string, fixturesFrom?: string, embedded = false): Target => ({
  name: 't',
  file: 'targets.yaml',
  testEnvironment: true,
  timeoutMs: 2000,
  concurrency: 1,
  headers: {},
  tls: { verify: true },
  ...(embedded ? { embedded: { faults: [], liberties: [], options: {} } } : {}),
  packs: { 'gpconnect-1.2': { base, headers: {}, auth: { kind: 'none' }, fixtures: { nhsNumber: 'mine' }, ...(fixturesFrom ? { fixturesFrom } : {}) } },
  secrets: [],
});

describe('starting a target', () => {
  it('an embedded target gets absolute bases and the fixtures the reference world publishes', async () => {
    const live = await startTarget(target('/gpconnect/fhir', undefined, true));
    try {
      const pack = live.target.packs['gpconnect-1.2']!;
      expect(pack.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gpconnect\/fhir$/);
      expect(pack.fixtures).toMatchObject({ nhsNumber: 'mine', pastSlot: { id: 'past-1' }, visitSlot: { id: expect.any(String) } });
    } finally {
      await live.close();
    }
  });

  it('a served target takes fixtures from its fixturesFrom URL; the file wins on a clash', async () => {
    const ref = await startReferenceTarget();
    try {
      const live = await startTarget(target(ref.bases['gpconnect-1.2']!, ref.url + FIXTURES_PATH));
      expect(live.target.packs['gpconnect-1.2']!.fixtures).toMatchObject({ nhsNumber: 'mine', pastSlot: { id: 'past-1' } });
      await expect(startTarget(target(ref.bases['gpconnect-1.2']!, ref.url + '/nope'))).rejects.toThrow(/fixturesFrom .*\/nope answered 404/);
    } finally {
      await ref.close();
    }
    await expect(startTarget(target('http://127.0.0.1:9', 'http://127.0.0.1:9/f'))).rejects.toBeInstanceOf(TargetStartError);
  });

  it('on its own thread, the embedded target answers and publishes the same as on this one, and says the same of a misspelt fault', async () => {
    const here = await startTarget(target('/gpconnect/fhir', undefined, true), { faults: ['gpc-no-location'] });
    const there = await startTarget(target('/gpconnect/fhir', undefined, true), { faults: ['gpc-no-location'], thread: true });
    let base = '';
    try {
      const [a, b] = [here.target.packs['gpconnect-1.2']!, there.target.packs['gpconnect-1.2']!];
      base = b.base;
      expect(b.fixtures).toEqual(a.fixtures);
      const metadata = async (at: string) => {
        const res = await fetch(at + '/metadata', { headers: { accept: 'application/fhir+json' } });
        return { status: res.status, body: (await res.json()) as { resourceType?: string; fhirVersion?: string } };
      };
      const [ma, mb] = [await metadata(a.base), await metadata(b.base)];
      expect(mb.status).toBe(ma.status);
      expect(mb.body.fhirVersion).toBe(ma.body.fhirVersion);
    } finally {
      await Promise.all([here.close(), there.close()]);
    }
    // Closed means the thread's server no longer listens.
    await expect(fetch(base + '/metadata')).rejects.toThrow();
    const misspelt = (thread: boolean) => startTarget(target('/gpconnect/fhir', undefined, true), { faults: ['gpc-no-such-fault'], thread }).catch((e: unknown) => e);
    const [e1, e2] = [await misspelt(false), await misspelt(true)];
    expect(e2).toBeInstanceOf(TargetStartError);
    expect((e2 as Error).message).toBe((e1 as Error).message);
  });

  it('closing a thread-started target whose thread has already ended returns at once (a second close, or after a crash)', async () => {
    const live = await startTarget(target('/gpconnect/fhir', undefined, true), { thread: true });
    await live.close();
    const hung = new Promise((_, reject) => setTimeout(() => reject(new Error('close hung')), 3000));
    await expect(Promise.race([live.close(), hung])).resolves.toBeUndefined();
  });

  it('serves only the packs a run addresses, unless a fault or liberty is asked for (its module could be any)', async () => {
    const two = (): Target => {
      const t = target('/gpconnect/fhir', undefined, true);
      return { ...t, packs: { ...t.packs, 'ers-a016': { ...t.packs['gpconnect-1.2']!, base: '/ers-api/STU3/v1' } } };
    };
    // The server's own answer for a base no loaded module serves.
    const served = async (live: { target: Target }, pack: string) => !/^no spec pack is served at/.test(await (await fetch(live.target.packs[pack]!.base + '/metadata')).text());
    for (const thread of [false, true]) {
      const only = await startTarget(two(), { packs: new Set(['gpconnect-1.2']), thread });
      const varied = await startTarget(two(), { packs: new Set(['gpconnect-1.2']), thread, liberties: ['gpc-no-last-updated'] });
      try {
        expect([await served(only, 'gpconnect-1.2'), await served(only, 'ers-a016')]).toEqual([true, false]);
        expect(await served(varied, 'ers-a016')).toBe(true);
      } finally {
        await Promise.all([only.close(), varied.close()]);
      }
    }
  });

  it('refuses --fault for a target that is not embedded', async () => {
    await expect(startTarget(target('http://x'), { faults: ['gpc-no-location'] })).rejects.toThrow(/only to an embedded target/);
  });
});
