// The limits a run obeys are read and validated at the boundary: targets.yaml maxBodyBytes and
// retry, pack.yaml retryPost, a step's timeoutMs. A wrong value is a positioned error; nothing is sent.

import { describe, expect, it } from 'vitest';
import { inputErrorLines, tempTargetsFile } from '../testing/input-errors.ts';
import { loadWorkspace } from '../loader/workspace.ts';
import { readTargetsFile, selectTarget } from '../targets/load.ts';
import { oneStepProject } from '../testing/misbehaving.ts';
import { TEST_PACK } from '../testing/workspace.ts';
import { isRetryable, waitBefore } from './client.ts';

function targetsFile(extra: string): string {
  return tempTargetsFile(`targets:\n  t:\n${extra}    packs:\n      test-pack: { base: "https://provider.example/fhir" }\n`);
}

const firstLines = inputErrorLines;

describe('targets.yaml limits', () => {
  it('reads maxBodyBytes and retry (backoffMs defaults to 200), and leaves both absent when not written', () => {
    const t = selectTarget(readTargetsFile(targetsFile('    maxBodyBytes: 2048\n    retry: { attempts: 3 }\n'), '/'), 't');
    expect(t).toMatchObject({ maxBodyBytes: 2048, retry: { attempts: 3, backoffMs: 200 } });
    const plain = selectTarget(readTargetsFile(targetsFile(''), '/'), 't');
    expect(plain.maxBodyBytes).toBeUndefined();
    expect(plain.retry).toBeUndefined();
  });

  it('rejects a cap below 1 KiB, an unbounded retry and unknown retry keys, with their positions', () => {
    const errors = firstLines(() => readTargetsFile(targetsFile('    maxBodyBytes: 10\n    retry: { attempts: 50, backoffMs: 10, jitter: true }\n'), '/'));
    expect(errors.join('\n')).toMatch(/targets\.yaml:3:\d+: .*maxBodyBytes.* must be >= 1024/);
    expect(errors.join('\n')).toMatch(/targets\.yaml:4:\d+: .*attempts.* must be <= 10/);
    expect(errors.join('\n')).toMatch(/jitter/);
  });
});

describe('suite and pack limits', () => {
  it("loads a step's timeoutMs and a pack's retryPost", () => {
    const ws = loadWorkspace({ root: oneStepProject([{ id: 'L-001', path: '/x', expect: '{ status: 200 }', timeoutMs: 180000 }], `${TEST_PACK}retryPost: true\n`) });
    expect(ws.suites[0]!.scenarios[0]!.steps[0]!.timeoutMs).toBe(180000);
    expect(ws.packs.get('test-pack')!.retryPost).toBe(true);
    const plain = loadWorkspace({ root: oneStepProject([{ id: 'L-001', path: '/x', expect: '{ status: 200 }' }]) });
    expect(plain.suites[0]!.scenarios[0]!.steps[0]!.timeoutMs).toBeUndefined();
    expect(plain.packs.get('test-pack')!.retryPost).toBe(false);
  });

  it('rejects a step timeoutMs of 0 at its line', () => {
    const errors = firstLines(() => loadWorkspace({ root: oneStepProject([{ id: 'L-001', path: '/x', expect: '{ status: 200 }', timeoutMs: 0 }]) }));
    expect(errors.join('\n')).toMatch(/t\.yaml:\d+:\d+: .*timeoutMs.* must be >= 1/);
  });

  it('waits backoffMs before the second try, doubling after, never more than 30 s unless backoffMs is longer', () => {
    expect([2, 3, 4].map((n) => waitBefore(n, 200))).toEqual([200, 400, 800]);
    expect(waitBefore(10, 1000)).toBe(30_000);
    expect(waitBefore(10, 60_000)).toBe(60_000);
  });

  it('retries GET and HEAD, POST only where the pack allows it, never PUT, PATCH or DELETE', () => {
    expect(['GET', 'HEAD', 'get'].map((m) => isRetryable(m, false))).toEqual([true, true, true]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => isRetryable(m, false))).toEqual([false, false, false, false]);
    expect(['POST', 'PUT', 'DELETE'].map((m) => isRetryable(m, true))).toEqual([true, false, false]);
  });
});
