import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunSummary, ScenarioResult } from '../model/result.ts';
import { RunEvents } from '../runner/events.ts';
import { PROJECT_ROOT } from '../session/paths.ts';
import { runAgainstReference } from '../session/reference.ts';
import { attachHtmlReporter, renderHtmlReport } from './html.ts';
import { reportProvenance } from './provenance.ts';
import { REPORT_BODY_BYTES } from './body-doc.ts';

const CHROMIUM = '/usr/bin/chromium';
const BREAKOUT = '</script><script>window.__pwned = 1</script><!-- <SCRIPT>';

/**
 * Anything in the page's markup, style or code that would make it fetch from elsewhere. The embedded
 * data is left out: it is inert JSON (no `<` in it, asserted below) that the page shows only as text.
 */
function externalReferences(page: string): string[] {
  const html = page.replace(/(<script type="application\/json" id="report-data">)[^<]*/, '$1');
  const found = [
    ...html.matchAll(/\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:)?\/\//gi),
    ...html.matchAll(/@import\b/gi),
    ...html.matchAll(/url\(\s*["']?\s*(?:https?:)?\/\//gi),
    ...html.matchAll(/<link\b[^>]*rel\s*=\s*["']?stylesheet/gi),
  ];
  return found.map((m) => m[0]);
}

function scenario(id: string, status: ScenarioResult['status'], body: string): ScenarioResult {
  return {
    id, pack: 'gpconnect-1.2', suite: 'book', file: 'suites/gpconnect-1.2/book-appointment.yaml', title: `title of ${id}`, level: 'MUST',
    requirement: 'A booking returns Location', source: 'https://spec.example/clause', status, durationMs: 3,
    steps: [{
      name: 'book', state: 'sent', pos: { file: 'suites/gpconnect-1.2/book-appointment.yaml', line: 10, col: 5 },
      request: { method: 'POST', url: 'http://127.0.0.1:1/Appointment', headers: { accept: 'application/fhir+json' }, body },
      response: { status: 201, headers: { 'content-type': 'text/html' }, body, durationMs: 1 },
      captureFailures: [],
      checks: [{ kind: 'status', level: 'MUST', outcome: status === 'failed' ? 'fail' : 'pass', expected: 201, actual: body, message: `message ${BREAKOUT}` }],
    }],
  };
}

const summary = (results: ScenarioResult[]): RunSummary => ({
  target: 'reference', seed: 1, startedAt: '2026-01-01T00:00:00Z', durationMs: 5, total: results.length,
  passed: results.filter((r) => r.status === 'passed').length, failed: results.filter((r) => r.status === 'failed').length, warned: 0, info: 0, skipped: 0, errored: 0,
});

describe('report.html, as a file', () => {
  it('references nothing outside itself, and a body holding </script> cannot break out of the embedded data', () => {
    const results = [scenario('X-001', 'failed', `<html><a href="https://evil.example/x">${BREAKOUT}</a><style>@import url(https://evil.example/a.css)</style></html>`), scenario('X-002', 'passed', '{"a":1}')];
    const html = renderHtmlReport({ summary: summary(results), results, provenance: reportProvenance(PROJECT_ROOT, results) });
    expect(externalReferences(html)).toEqual([]);
    // The data element ends at the first </script>: everything up to it must be the whole JSON.
    const open = '<script type="application/json" id="report-data">';
    const start = html.indexOf(open) + open.length;
    const text = html.slice(start, html.indexOf('</script>', start));
    const data = JSON.parse(text) as { scenarios: ScenarioResult[] };
    expect(data.scenarios.map((s) => s.id)).toEqual(['X-001', 'X-002']);
    expect(data.scenarios[0]!.steps[0]!.request.body).toContain(BREAKOUT);
    expect(text).not.toMatch(/<|>/);
    // Two script elements (data, code), whatever the bodies held.
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
  });

  it('embeds a JSON body as its value, and cuts a big body to the reports\' limit, marked', () => {
    const big = JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 2000 }, (_, i) => ({ fullUrl: `urn:uuid:${i}` })) });
    const results = [scenario('X-001', 'passed', '{"a":1}'), scenario('X-002', 'passed', big)];
    const html = renderHtmlReport({ summary: summary(results), results, provenance: reportProvenance(PROJECT_ROOT, results) });
    const open = '<script type="application/json" id="report-data">';
    const start = html.indexOf(open) + open.length;
    const data = JSON.parse(html.slice(start, html.indexOf('</script>', start))) as { scenarios: { steps: { response: { json?: unknown; body?: string; bodyCut?: { keptBytes: number; receivedBytes: number } } }[] }[] };
    expect(data.scenarios[0]!.steps[0]!.response).toMatchObject({ json: { a: 1 } });
    const cut = data.scenarios[1]!.steps[0]!.response;
    expect(cut.json).toBeUndefined();
    expect(cut.bodyCut).toEqual({ keptBytes: REPORT_BODY_BYTES, receivedBytes: big.length });
    expect(big.startsWith(cut.body!)).toBe(true);
  });

  it('names the tool version, the commit and a sha256 for each suite file the results name', () => {
    const p = reportProvenance(PROJECT_ROOT, [{ file: 'suites/gpconnect-1.2/book-appointment.yaml' }, { file: 'suites/gpconnect-1.2/book-appointment.yaml' }]);
    expect(p.toolVersion).toBe((JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(p.commit).toMatch(/^([0-9a-f]{40}|unknown)$/);
    expect(p.node).toBe(process.version);
    expect(p.suiteFiles).toEqual([{ path: 'suites/gpconnect-1.2/book-appointment.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(reportProvenance(join(tmpdir(), 'no-such-root'), []).commit).toBe('unknown');
  });
});

describe('report.html, in a browser', () => {
  it('filters to failures and shows a failed scenario\'s message and response status', { timeout: 120_000 }, async () => {
    // Not a skip: a CI without Chromium would otherwise pass without ever opening the page.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install it with 'apt-get install -y chromium' (.ci/run does when it is missing)`);
    const dir = mkdtempSync(join(tmpdir(), 'bc-html-'));
    const file = join(dir, 'report.html');
    const events = new RunEvents();
    attachHtmlReporter(events, file, { root: PROJECT_ROOT });
    const { results } = await runAgainstReference({ faults: ['gpc-no-location'], packs: ['gpconnect-1.2'], grep: 'GPC-BOOK-00', events });
    const failed = results.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.id)).toEqual(['GPC-BOOK-002']);
    const html = readFileSync(file, 'utf8');
    expect(externalReferences(html)).toEqual([]);
    const step = failed[0]!.steps.find((s) => s.state === 'sent' && s.checks.some((c) => c.outcome === 'fail'));
    if (step?.state !== 'sent') throw new Error('GPC-BOOK-002 has no sent step with a failed check');
    const message = step.checks.find((c) => c.outcome === 'fail')!.message;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      // Self-contained means nothing but the file itself is requested.
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${file}`);
      await page.selectOption('#f-status', 'failed');
      const shown = page.locator('#scenarios > details.sc:visible');
      await expect.poll(() => shown.count()).toBe(1);
      const sc = page.locator('#scenarios > details.sc[data-id="GPC-BOOK-002"]');
      await sc.locator('summary').click();
      await sc.getByText(message, { exact: true }).first().waitFor({ state: 'visible', timeout: 5000 });
      await sc.locator('.resp-status', { hasText: `HTTP ${step.response.status}` }).first().waitFor({ state: 'visible', timeout: 5000 });
      // A passing scenario is hidden by the filter, and search narrows further.
      expect(await page.locator('#scenarios > details.sc[data-id="GPC-BOOK-001"]').isVisible()).toBe(false);
      mkdirSync(join(PROJECT_ROOT, 'reports'), { recursive: true });
      await page.screenshot({ path: join(PROJECT_ROOT, 'reports', 'report-screenshot.png'), fullPage: true });
      await page.selectOption('#f-status', '');
      await page.fill('#f-search', 'GPC-BOOK-001');
      await expect.poll(() => shown.count()).toBe(1);
      await page.selectOption('#f-view', 'requirements');
      await expect.poll(() => page.locator('#requirements details.req:visible').count()).toBe(1);
      expect(errors).toEqual([]);
      expect(requested.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
