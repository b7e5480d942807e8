// Bounded memory: a target answering 5 × 100 MiB (generated as it is sent, never held) cannot
// make the runner grow past a stated bound. The runner reads each body up to the target's
// maxBodyBytes (default 10 MiB), then hangs up; the checks on it fail saying so.

import { sent } from '../testing/steps.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneStepProject, runProject, startMisbehavingServer, testTarget, type MisbehavingServer } from '../testing/misbehaving.ts';
import { DEFAULT_MAX_BODY_BYTES } from './client.ts';

const MiB = 1024 * 1024;
/** The README states this bound: peak resident memory growth while five 100 MiB answers are in flight at once. */
const PEAK_RSS_GROWTH_BOUND = 160 * MiB;
const RESPONSES = 5;
const RESPONSE_MIB = 100;

let server: MisbehavingServer;
beforeAll(async () => {
  server = await startMisbehavingServer();
});
afterAll(() => server.close());

describe('bounded memory', () => {
  it(`${RESPONSES} × ${RESPONSE_MIB} MiB answers at once: peak RSS growth stays under ${PEAK_RSS_GROWTH_BOUND / MiB} MiB`, async () => {
    const steps = Array.from({ length: RESPONSES }, (_, i) => ({ id: `BIG-00${i + 1}`, path: `/huge?mb=${RESPONSE_MIB}&n=${i}`, expect: '{ status: 200, fhirpath: [Basic.exists()] }', timeoutMs: 60_000 }));
    const root = oneStepProject(steps);
    const target = testTarget(server.base);
    // Warm up the loader, the runner and undici so their own one-off allocations are in the baseline.
    await runProject(oneStepProject([{ id: 'WARM-001', path: '/huge?mb=2', expect: '{ status: 200 }' }]), target);
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    let run;
    try {
      run = await runProject(root, target, { concurrency: RESPONSES });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    const growth = peak - baseline;
    console.log(`bounded-body: peak RSS growth ${(growth / MiB).toFixed(1)} MiB (bound ${PEAK_RSS_GROWTH_BOUND / MiB} MiB); server wrote ${(server.hugeSent.slice(1).reduce((a, b) => a + b, 0) / MiB).toFixed(1)} MiB of ${RESPONSES * RESPONSE_MIB} MiB offered`);
    expect(growth).toBeLessThan(PEAK_RSS_GROWTH_BOUND);
    for (const r of run.results) {
      expect(r.status).toBe('failed');
      expect(r.reason).toContain(`the body exceeded the cap of ${DEFAULT_MAX_BODY_BYTES} bytes`);
      expect(sent(r.steps[0]).response.body.length).toBeLessThanOrEqual(64 * 1024);
    }
    // Each body was cut off near the cap, not drained: the server wrote far less than it offered.
    for (const sent of server.hugeSent.slice(1)) expect(sent).toBeLessThan(RESPONSE_MIB * MiB / 2);
  }, 120_000);
});
