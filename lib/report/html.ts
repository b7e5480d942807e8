// reports/report.html: one self-contained page an assurer can open from a CI artifact with no
// network: inline CSS and JS, the results embedded as JSON. The head (run, provenance, counts) is
// static HTML; the scenario and requirement lists are built by the page's script, and a
// scenario's steps only when it is opened, so 1,000 scenarios open quickly.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunSummary, ScenarioResult, ScenarioStatus } from '../model/result.ts';
import type { RunEvents, RunInfo } from '../runner/events.ts';
import { reportProvenance, type Provenance } from './provenance.ts';
import { bodyField, REPORT_BODY_BYTES } from './body-doc.ts';

export interface HtmlReportInput {
  info?: RunInfo | undefined;
  summary: RunSummary;
  results: readonly ScenarioResult[];
  provenance: Provenance;
}

export interface HtmlOptions {
  /** The project root: ScenarioResult.file is relative to it, and its package.json names the tool version. */
  root: string;
}

const STATUSES: readonly ScenarioStatus[] = ['failed', 'errored', 'warned', 'info', 'skipped', 'passed'];


const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * JSON that is safe inside <script type="application/json">: no `<` at all (so neither `</script>`
 * nor `<!--` can end or alter the element), and U+2028/2029 escaped for old parsers. JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The results as the page reads them: the same shapes as ScenarioResult (positions keep their
 * source line), with each body as results.json keeps it: parsed when JSON (not an escaped string
 * inside the embedded JSON), cut past REPORT_BODY_BYTES and marked.
 */
function pageScenarios(results: readonly ScenarioResult[]): unknown[] {
  return results.map((r) => ({
    ...r,
    steps: r.steps.map((s) => {
      const { body: reqBody, ...req } = s.request;
      const request = { ...req, ...(reqBody !== undefined ? bodyField(reqBody) : {}) };
      if (s.state !== 'sent') return { ...s, request };
      const { body, bodyCut, ...res } = s.response;
      return { ...s, request, response: { ...res, ...bodyField(body, REPORT_BODY_BYTES, bodyCut) } };
    }),
  }));
}

function countTable(title: string, rows: Map<string, Record<string, number>>): string {
  const head = `<tr><th>${esc(title)}</th>${STATUSES.map((s) => `<th class="st-${s}">${s}</th>`).join('')}<th>total</th></tr>`;
  const body = [...rows]
    .map(([k, c]) => `<tr><td>${esc(k)}</td>${STATUSES.map((s) => `<td class="${c[s] ? `st-${s}` : 'zero'}">${c[s] ?? 0}</td>`).join('')}<td>${Object.values(c).reduce((a, b) => a + b, 0)}</td></tr>`)
    .join('');
  return `<table class="counts">${head}${body}</table>`;
}

function countsBy(results: readonly ScenarioResult[], key: (r: ScenarioResult) => string): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of results) {
    const row = out.get(key(r)) ?? {};
    row[r.status] = (row[r.status] ?? 0) + 1;
    out.set(key(r), row);
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

export function renderHtmlReport({ info, summary, results, provenance }: HtmlReportInput): string {
  const s = summary;
  const meta: [string, string][] = [
    ['target', `${s.target}${info?.targetDescription ? ` — ${info.targetDescription}` : ''}`],
    ['tool version', `booking-conformance ${provenance.toolVersion}`],
    ['commit', provenance.commit],
    ['node', provenance.node],
    ['seed', String(s.seed)],
    ['started', s.startedAt],
    ...(info?.clock ? ([['clock', info.clock]] as [string, string][]) : []),
    ['duration', `${(s.durationMs / 1000).toFixed(1)} s`],
    ...(info?.faults.length ? ([['faults', info.faults.join(', ')]] as [string, string][]) : []),
    ...(info?.liberties.length ? ([['liberties', info.liberties.join(', ')]] as [string, string][]) : []),
    ...(info?.shard ? ([['shard', `${info.shard.index}/${info.shard.total} of ${info.shard.selection.length}`]] as [string, string][]) : []),
    ...Object.entries(info?.packs ?? {}).map(([p, base]) => [`base ${p}`, base] as [string, string]),
  ];
  const totals = STATUSES.map((st) => `<span class="pill st-${st}">${st} ${s[st]}</span>`).join(' ');
  const verdict = s.failed > 0 ? 'failed' : s.errored > 0 ? 'errored' : s.warned > 0 ? 'warned' : 'passed';
  const data = { scenarios: pageScenarios(results) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>booking-conformance: ${esc(s.target)} — ${s.failed} failed of ${s.total}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1><span class="pill st-${verdict}">${verdict.toUpperCase()}</span> booking-conformance report: ${esc(s.target)}</h1>
${s.incomplete ? `<p class="incomplete">INCOMPLETE: ${esc(s.incomplete)} — the report holds what ran.</p>` : ''}
<table class="meta">${meta.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<p class="totals">${s.total} scenarios: ${totals}</p>
<div class="tables">${countTable('pack', countsBy(results, (r) => r.pack))}${countTable('level', countsBy(results, (r) => r.level))}</div>
<details class="files"><summary>${provenance.suiteFiles.length} suite files (sha256)</summary><table>${provenance.suiteFiles.map((f) => `<tr><td>${esc(f.path)}</td><td><code>${esc(f.sha256)}</code></td></tr>`).join('')}</table></details>
</header>
<nav id="controls">
<label>view <select id="f-view"><option value="scenarios">scenarios</option><option value="requirements">requirements</option></select></label>
<label>status <select id="f-status"><option value="">all</option><option value="problems">failed, errored, warned</option>${STATUSES.map((st) => `<option value="${st}">${st} (${s[st]})</option>`).join('')}</select></label>
<label>pack <select id="f-pack"><option value="">all</option>${[...new Set(results.map((r) => r.pack))].sort().map((p) => `<option>${esc(p)}</option>`).join('')}</select></label>
<label>level <select id="f-level"><option value="">all</option>${[...new Set(results.map((r) => r.level))].sort().map((l) => `<option>${esc(l)}</option>`).join('')}</select></label>
<label>search <input id="f-search" type="search" placeholder="id, title, requirement, message…" size="32"></label>
<span id="shown"></span>
</nav>
<main><div id="scenarios"></div><div id="requirements" hidden></div></main>
<noscript><p>The scenario lists need JavaScript; results.json beside this file holds the same data.</p></noscript>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${JS}</script>
</body>
</html>
`;
}

export function attachHtmlReporter(events: RunEvents, file: string, opts: HtmlOptions): void {
  let info: RunInfo | undefined;
  events.on('run:start', (i) => (info = i));
  events.on('run:end', (summary, results) => {
    const html = renderHtmlReport({ info, summary, results, provenance: reportProvenance(opts.root, results) });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
  });
}

const CSS = `
:root{--fail:#b3261e;--err:#8a4b00;--warn:#8a6d00;--info:#1f5fa8;--skip:#666;--pass:#1e7a34;font-family:system-ui,sans-serif;font-size:14px}
body{margin:0 1.2em 2em;color:#111;background:#fff}
h1{font-size:1.35em;margin:.6em 0}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top;padding:2px 8px}
.meta th{color:#555;font-weight:normal;white-space:nowrap}
.tables{display:flex;flex-wrap:wrap;gap:2em}
.counts td,.counts th{border-bottom:1px solid #ddd;text-align:right}.counts td:first-child,.counts th:first-child{text-align:left}
.counts .zero{color:#bbb}
.pill{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-weight:600;font-size:.85em}
.pill.st-failed{background:var(--fail)}.pill.st-errored{background:var(--err)}.pill.st-warned{background:var(--warn)}.pill.st-info{background:var(--info)}.pill.st-skipped{background:var(--skip)}.pill.st-passed{background:var(--pass)}
.counts th.st-failed,.counts td.st-failed{color:var(--fail)}.counts td.st-errored{color:var(--err)}.counts td.st-warned{color:var(--warn)}
.incomplete{background:#fde7e9;border:1px solid var(--fail);padding:4px 8px;font-weight:600}
nav{position:sticky;top:0;background:#f4f4f4;border:1px solid #ddd;padding:6px 8px;margin:1em 0;display:flex;flex-wrap:wrap;gap:1em;align-items:center;z-index:1}
#shown{color:#555}
details.sc{border-left:4px solid #ccc;margin:2px 0;padding:2px 6px}
details.sc.st-failed{border-color:var(--fail)}details.sc.st-errored{border-color:var(--err)}details.sc.st-warned{border-color:var(--warn)}details.sc.st-info{border-color:var(--info)}details.sc.st-passed{border-color:var(--pass)}
details.sc>summary{cursor:pointer}
.sid{font-family:ui-monospace,monospace;font-weight:600}
.muted{color:#666}
.reason{color:var(--fail);margin:2px 0 2px 1.5em}
.req{border:1px solid #ddd;margin:6px 0;padding:4px 8px}
.req>summary{cursor:pointer}
.step{border:1px solid #e3e3e3;margin:6px 0;padding:4px 8px;background:#fcfcfc}
.step h4{margin:2px 0;font-size:1em}
.exch{display:grid;grid-template-columns:1fr 1fr;gap:8px}
@media (max-width:900px){.exch{grid-template-columns:1fr}}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;border:1px solid #eee;padding:4px;margin:2px 0;max-height:30em;overflow:auto;font-size:12px}
.hdrs td{font-family:ui-monospace,monospace;font-size:12px;padding:0 6px 0 0;word-break:break-all}
.hdrs td:first-child{white-space:nowrap;word-break:normal}
.cut{color:var(--err);font-weight:600}
.checks td,.checks th{border-bottom:1px solid #eee;font-size:13px}
.checks code,.pos{font-family:ui-monospace,monospace;font-size:12px}
tr.o-fail td.o{color:var(--fail);font-weight:700}tr.o-error td.o{color:var(--err);font-weight:700}tr.o-pass td.o{color:var(--pass)}
.resp-status{font-weight:700}
@media print{
  nav,noscript,.files{display:none}
  body{font-size:11px}
  details.sc:not(.st-failed):not(.st-errored)>summary::marker{content:''}
  pre{max-height:none;overflow:visible}
  .step{break-inside:avoid}
  .exch{grid-template-columns:1fr 1fr}
}
`;

// The page's script: plain DOM, no framework. Every text reaches the page through textContent, so a
// body holding markup shows as text.
const JS = `
(function(){
'use strict';
var DATA = JSON.parse(document.getElementById('report-data').textContent);
var ORDER = {failed:0, errored:1, warned:2, info:3, skipped:4, passed:5};
var all = DATA.scenarios.map(function(r, i){ r._i = i; return r; });
// Failures first, then run order.
all.sort(function(a, b){ return (ORDER[a.status] - ORDER[b.status]) || (a._i - b._i); });

function h(tag, attrs){
  var el = document.createElement(tag);
  if (attrs) for (var k in attrs) { if (k === 'text') el.textContent = attrs[k]; else if (k === 'cls') el.className = attrs[k]; else el.setAttribute(k, attrs[k]); }
  for (var i = 2; i < arguments.length; i++) { var c = arguments[i]; if (c == null) continue; el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); }
  return el;
}
function where(p){ return p ? p.file + ':' + p.line + ':' + p.col : ''; }
function show(v){ if (v === undefined) return ''; if (typeof v === 'string') return v; try { return JSON.stringify(v, null, 2); } catch (e) { return String(v); } }
function pretty(body){
  if (!body) return body;
  var t = body.trim();
  if (t[0] === '{' || t[0] === '[') { try { return JSON.stringify(JSON.parse(t), null, 2); } catch (e) {} }
  return body;
}
function headers(obj){
  var t = h('table', {cls: 'hdrs'});
  Object.keys(obj || {}).forEach(function(k){ t.appendChild(h('tr', null, h('td', {text: k + ':'}), h('td', {text: String(obj[k])}))); });
  return t;
}
function bodyBlock(part){
  var frag = document.createDocumentFragment();
  if (part.json !== undefined) frag.appendChild(h('pre', {text: JSON.stringify(part.json, null, 2)}));
  else if (part.body) frag.appendChild(h('pre', {text: pretty(part.body)}));
  if (part.bodyCut) frag.appendChild(h('div', {cls: 'cut', text: '… body cut: the first ' + part.bodyCut.keptBytes + ' of ' + part.bodyCut.receivedBytes + ' bytes (run --evidence keeps each exchange as recorded)'}));
  return frag;
}
function excerpt(p){
  if (!p || !p.text) return null;
  var g = String(p.line).replace(/./g, ' ');
  return h('pre', {cls: 'pos', text: p.line + ' | ' + p.text + '\\n' + g + ' | ' + new Array(Math.max(0, p.col - 1) + 1).join(' ') + '^'});
}
function checksTable(step){
  var t = h('table', {cls: 'checks'}, h('tr', null, h('th', {text: 'outcome'}), h('th', {text: 'check'}), h('th', {text: 'message'}), h('th', {text: 'expected'}), h('th', {text: 'actual'}), h('th', {text: 'where'})));
  (step.captureFailures || []).forEach(function(c){
    var pos = c.pos || step.pos;
    t.appendChild(h('tr', {cls: 'o-' + c.outcome}, h('td', {cls: 'o', text: c.outcome.toUpperCase()}), h('td', {text: 'capture ' + c.name}), h('td', {cls: 'msg', text: c.message}), h('td', null, h('code', {text: c.looked})), h('td', {text: '(nothing)'}), h('td', null, h('span', {cls: 'pos', text: where(pos)}), excerpt(c.pos))));
  });
  (step.checks || []).forEach(function(c){
    t.appendChild(h('tr', {cls: 'o-' + c.outcome}, h('td', {cls: 'o', text: c.outcome.toUpperCase()}), h('td', {text: c.kind + ' (' + c.level + ')'}), h('td', {cls: 'msg', text: c.message}),
      h('td', null, c.outcome === 'error' ? null : h('pre', {text: show(c.expected)})), h('td', null, c.outcome === 'error' ? null : h('pre', {text: show(c.actual)})),
      h('td', null, h('span', {cls: 'pos', text: where(c.pos || step.pos)}), c.outcome === 'pass' ? null : excerpt(c.pos))));
  });
  return t;
}
function attemptsText(step){
  var out = [];
  if (step.race) out.push('race: ' + step.race.map(function(r){ return 'status' in r ? r.status : 'error: ' + r.error; }).join(', '));
  if (step.attempts) out.push('attempts: ' + step.attempts.map(function(a){ return ('status' in a ? a.status : 'error: ' + a.error) + ' (' + a.durationMs + ' ms)'; }).join(', '));
  return out.length ? h('div', {cls: 'muted', text: out.join('; ')}) : null;
}
function stepEl(step){
  var req = step.request;
  var reqEl = h('div', null, h('h4', {text: 'request'}), h('div', {cls: 'pos', text: req.method + ' ' + req.url}), headers(req.headers), bodyBlock(req));
  var resEl;
  if (step.state === 'sent') {
    var res = step.response;
    var marks = [];
    if (res.truncated) marks.push('reading stopped at the ' + res.truncated.limitBytes + '-byte limit (' + res.truncated.receivedBytes + ' bytes received)');
    if (res.invalidUtf8) marks.push('not valid UTF-8 (first bad byte at ' + res.invalidUtf8.offset + ')');
    resEl = h('div', null, h('h4', {text: 'response'}), h('div', null, h('span', {cls: 'resp-status', text: 'HTTP ' + res.status}), ' ', h('span', {cls: 'muted', text: '(' + res.durationMs + ' ms)'})),
      headers(res.headers), bodyBlock(res), marks.length ? h('div', {cls: 'cut', text: marks.join('; ')}) : null);
  } else if (step.state === 'transport-failed') {
    resEl = h('div', null, h('h4', {text: 'response'}), h('div', {cls: 'cut', text: 'no answer (' + step.cause + '): ' + step.message}));
  } else {
    resEl = h('div', null, h('h4', {text: 'not sent'}), h('div', {cls: 'cut', text: '(' + step.cause + ') ' + step.message}));
  }
  return h('div', {cls: 'step'}, h('h4', null, step.name + ' ', h('span', {cls: 'pos muted', text: where(step.pos)}), step.skip ? h('span', {cls: 'muted', text: ' — skip: ' + step.skip}) : null),
    h('div', {cls: 'exch'}, reqEl, resEl), attemptsText(step), step.state === 'sent' ? checksTable(step) : excerpt(step.pos));
}
function fillDetails(el, r){
  if (el._built) return;
  el._built = true;
  var body = h('div', {cls: 'body'},
    h('div', null, h('b', {text: 'requirement: '}), r.requirement),
    h('div', null, h('b', {text: 'source: '}), r.source),
    h('div', {cls: 'muted', text: r.file + ' · ' + r.suite + ' · ' + r.durationMs + ' ms' + (r.skipCause ? ' · skip cause ' + r.skipCause : '') + (r.errorCause ? ' · error cause ' + r.errorCause : '')}));
  if (!r.steps.length) body.appendChild(h('div', {cls: 'muted', text: 'no steps ran'}));
  r.steps.forEach(function(s){ body.appendChild(stepEl(s)); });
  el.appendChild(body);
}
function scenarioEl(r){
  var el = h('details', {cls: 'sc st-' + r.status, 'data-id': r.id},
    h('summary', null, h('span', {cls: 'pill st-' + r.status, text: r.status}), ' ', h('span', {cls: 'sid', text: r.id}), ' ', h('span', {cls: 'muted', text: '[' + r.level + '] ' + r.pack}), ' ', r.title));
  if (r.reason && r.status !== 'passed') el.appendChild(h('div', {cls: 'reason', text: r.reason}));
  // Built on first open: 1,000 scenarios' exchanges would make the page slow to open.
  el.addEventListener('toggle', function(){ if (el.open) fillDetails(el, r); });
  return el;
}
all.forEach(function(r){ r._hay = [r.id, r.title, r.requirement, r.source, r.reason || '', r.file, r.pack, r.status].join(' ').toLowerCase(); });

var scList = document.getElementById('scenarios');
var scEls = [];
var frag = document.createDocumentFragment();
all.forEach(function(r){ var el = scenarioEl(r); scEls.push({r: r, el: el}); frag.appendChild(el); });
scList.appendChild(frag);

var reqList = document.getElementById('requirements');
var reqGroups = null;
function worst(rs){ return rs.reduce(function(w, r){ return ORDER[r.status] < ORDER[w] ? r.status : w; }, 'passed'); }
function buildRequirements(){
  var byReq = new Map();
  all.forEach(function(r){ var k = r.requirement; if (!byReq.has(k)) byReq.set(k, []); byReq.get(k).push(r); });
  var groups = [];
  byReq.forEach(function(rs, text){ groups.push({text: text, rs: rs, verdict: worst(rs)}); });
  groups.sort(function(a, b){ return (ORDER[a.verdict] - ORDER[b.verdict]) || a.text.localeCompare(b.text); });
  var f = document.createDocumentFragment();
  reqGroups = groups.map(function(g){
    var items = g.rs.map(function(r){ return {r: r, el: scenarioEl(r)}; });
    var el = h('details', {cls: 'req'}, h('summary', null, h('span', {cls: 'pill st-' + g.verdict, text: g.verdict}), ' ', g.text, ' ', h('span', {cls: 'muted', text: '(' + g.rs.length + ' scenario' + (g.rs.length === 1 ? '' : 's') + ')'})));
    items.forEach(function(it){ el.appendChild(it.el); });
    f.appendChild(el);
    return {el: el, items: items};
  });
  reqList.appendChild(f);
}

var ctl = {view: document.getElementById('f-view'), status: document.getElementById('f-status'), pack: document.getElementById('f-pack'), level: document.getElementById('f-level'), search: document.getElementById('f-search')};
function matches(r){
  var st = ctl.status.value;
  if (st === 'problems' ? !(r.status === 'failed' || r.status === 'errored' || r.status === 'warned') : (st && r.status !== st)) return false;
  if (ctl.pack.value && r.pack !== ctl.pack.value) return false;
  if (ctl.level.value && r.level !== ctl.level.value) return false;
  var q = ctl.search.value.trim().toLowerCase();
  if (q && q.split(/\\s+/).some(function(w){ return r._hay.indexOf(w) < 0; })) return false;
  return true;
}
function apply(){
  var reqView = ctl.view.value === 'requirements';
  scList.hidden = reqView; reqList.hidden = !reqView;
  var n = 0;
  if (reqView) {
    if (!reqGroups) buildRequirements();
    var groups = 0;
    reqGroups.forEach(function(g){ var any = false; g.items.forEach(function(it){ var m = matches(it.r); it.el.hidden = !m; if (m) { any = true; n++; } }); g.el.hidden = !any; if (any) groups++; });
    document.getElementById('shown').textContent = n + ' of ' + all.length + ' scenarios, ' + groups + ' requirements';
  } else {
    scEls.forEach(function(it){ var m = matches(it.r); it.el.hidden = !m; if (m) n++; });
    document.getElementById('shown').textContent = n + ' of ' + all.length + ' scenarios shown';
  }
}
var timer;
ctl.search.addEventListener('input', function(){ clearTimeout(timer); timer = setTimeout(apply, 120); });
['view', 'status', 'pack', 'level'].forEach(function(k){ ctl[k].addEventListener('change', apply); });
// Printed: what failed or errored is expanded (built first), the rest stays one line each.
window.addEventListener('beforeprint', function(){
  var lists = [scEls].concat(reqGroups ? reqGroups.map(function(g){ return g.items; }) : []);
  lists.forEach(function(items){ items.forEach(function(it){ if (it.r.status === 'failed' || it.r.status === 'errored') { fillDetails(it.el, it.r); it.el.open = true; } }); });
  if (reqGroups) reqGroups.forEach(function(g){ if (g.items.some(function(it){ return it.r.status === 'failed' || it.r.status === 'errored'; })) g.el.open = true; });
});
apply();
})();
`;
