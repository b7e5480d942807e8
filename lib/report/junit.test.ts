import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { RunEvents } from '../runner/events.ts';
import { runAgainstReference } from '../session/reference.ts';
import { attachJsonReporter } from './json.ts';
import { attachJunitReporter } from './junit.ts';

type Node = Record<string, unknown>;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('JUnit report', () => {
  it('has a testsuite per suite file, a testcase per scenario, <failure> for a broken rule, and no secrets', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-junit-'));
    const events = new RunEvents();
    attachJunitReporter(events, join(dir, 'junit.xml'));
    attachJsonReporter(events, join(dir, 'results.json'));
    const { results } = await runAgainstReference({ faults: ['gpc-no-location'], packs: ['gpconnect-1.2'], grep: 'GPC-BOOK-00', events });
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as Node;
    const suites = list((doc['testsuites'] as Node)['testsuite'] as Node[]);
    expect(suites.map((s) => s['@name'])).toEqual(['gpconnect-1.2.book-appointment']);
    const suite = suites[0]!;
    const props = Object.fromEntries(list((suite['properties'] as Node)['property'] as Node[]).map((p) => [p['@name'], p['@value']]));
    expect(props).toMatchObject({ target: 'reference', seed: '1', faults: 'gpc-no-location', file: 'suites/gpconnect-1.2/book-appointment.yaml' });
    const cases = list(suite['testcase'] as Node[]);
    expect(cases).toHaveLength(results.length);
    for (const c of cases) expect(c['@classname']).toBe('gpconnect-1.2.book-appointment');
    const failing = cases.filter((c) => c['failure'] !== undefined);
    expect(failing.map((c) => c['@name'])).toEqual(['GPC-BOOK-002 the Location header is the absolute URL of the new version']);
    const failure = failing[0]!['failure'] as Node;
    // The position of the failed check in its suite file, then the reason.
    expect(failure['@message']).toMatch(/^suites\/gpconnect-1\.2\/book-appointment\.yaml:\d+:\d+: book the slot: Location header is missing$/);
    // The verdict in the testcase's status attribute, its identity in its output (the XSD allows no testcase properties).
    expect(failing[0]!['@status']).toBe('failed');
    expect(String(failing[0]!['system-out'])).toMatch(/^GPC-BOOK-002 \[MUST\] .*\nrequirement: .*Location/);
    expect(String((failing[0]!['failure'] as Node)['#text'])).toContain('Location header is missing');
    expect(String(failing[0]!['system-out'])).toContain('> POST http://127.0.0.1:');
    expect(Number(suite['@tests'])).toBe(results.length);
    expect(Number(suite['@failures'])).toBe(1);
    // JWTs never reach a report as tokens (the unsigned one starts with the base64url of {"alg":"none"): they are shown decoded.
    for (const text of [xml, readFileSync(join(dir, 'results.json'), 'utf8')]) {
      expect(text).not.toContain('eyJhbGciOiJub25l');
      expect(text).toContain('Bearer JWT header');
    }
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { summary: Node; scenarios: Node[] };
    expect(json.summary).toMatchObject({ target: 'reference', failed: 1 });
    expect(json.scenarios[0]).toHaveProperty('steps.0.checks.0.kind');
  });

  it('marks a SHOULD warning visibly, carries exchanges only where something is wrong, and --strict makes the warning a failure', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-junit-'));
    const events = new RunEvents();
    attachJunitReporter(events, join(dir, 'default.xml'));
    attachJunitReporter(events, join(dir, 'strict.xml'), { exchanges: 'all', strict: true });
    // Rejecting a null clinician breaks a SHOULD of the legacy book example: ERS-BOOK-011 warns, its neighbours pass.
    const { results } = await runAgainstReference({ faults: ['ers-null-clinician-rejected'], packs: ['ers-a016'], grep: 'ERS-BOOK-01', events });
    expect(results.filter((r) => r.status === 'warned').map((r) => r.id)).toEqual(['ERS-BOOK-011']);
    expect(results.some((r) => r.status === 'passed')).toBe(true);
    const suites = (file: string) => {
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(readFileSync(join(dir, file), 'utf8')) as Node;
      return list((doc['testsuites'] as Node)['testsuite'] as Node[]);
    };
    const cases = (file: string) => suites(file).flatMap((s) => list(s['testcase'] as Node[]));
    const warnings = suites('default.xml').flatMap((s) => list((s['properties'] as Node)['property'] as Node[]).filter((p) => p['@name'] === 'warning').map((p) => String(p['@value'])));
    const isWarned = (c: Node) => String(c['@name']).startsWith('ERS-BOOK-011 ');
    const byDefault = cases('default.xml');
    const warned = byDefault.find(isWarned)!;
    expect(warned['failure']).toBeUndefined();
    expect(warned['@status']).toBe('warned');
    // The suite names each warned testcase in a warning property.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^ERS-BOOK-011: .*(MISSING_VALUE|clinician|status)/i);
    expect(String(warned['system-out'])).toMatch(/^WARNING \(SHOULD not met\): /);
    expect(String(warned['system-out'])).toContain('> POST http://127.0.0.1:');
    const passed = byDefault.filter((c) => c['@status'] === 'passed');
    expect(passed.length).toBeGreaterThan(0);
    for (const c of passed) expect(String(c['system-out'] ?? '')).not.toMatch(/^> (GET|POST)/m);
    const strict = cases('strict.xml');
    expect((strict.find(isWarned)!['failure'] as Node)['@type']).toBe('should');
    for (const c of strict.filter((x) => x['@status'] === 'passed')) expect(String(c['system-out'])).toMatch(/^> (GET|POST) /m);
  });
});
