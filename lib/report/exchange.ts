// The exchange behind a verdict, as text an assurer can read (already redacted by the runner).

import type { StepResult } from '../model/result.ts';

const MAX_BODY = 4000;

function clip(body: string): string {
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n… (${body.length - MAX_BODY} more characters)` : body;
}

const OUTCOME = { pass: 'PASS', fail: 'FAIL', error: 'ERROR' } as const;

export function formatExchange(step: StepResult): string {
  const lines = [`## ${step.name}`];
  if (step.state === 'not-built') return [...lines, `! not sent: ${step.message}`].join('\n');
  lines.push(`> ${step.request.method} ${step.request.url}`);
  for (const [k, v] of Object.entries(step.request.headers)) lines.push(`> ${k}: ${v}`);
  if (step.request.body !== undefined) lines.push('>', clip(step.request.body));
  if (step.state === 'sent') {
    lines.push(`< ${step.response.status} (${step.response.durationMs} ms)`);
    for (const [k, v] of Object.entries(step.response.headers)) lines.push(`< ${k}: ${v}`);
    if (step.response.body) lines.push('<', clip(step.response.body));
    if (step.response.bodyCut) lines.push(`(body cut: ${step.response.bodyCut.keptBytes} of ${step.response.bodyCut.receivedBytes} bytes kept)`);
  }
  if (step.race) lines.push(`race: ${step.race.map((r) => ('status' in r ? r.status : `error: ${r.error}`)).join(', ')}`);
  if (step.state === 'transport-failed') lines.push(`! no answer (${step.cause}): ${step.message}`);
  else {
    for (const c of step.captureFailures) lines.push(`${c.outcome === 'fail' ? 'FAIL' : 'ERROR'} [capture ${c.name}] ${c.message}`);
    for (const c of step.checks) lines.push(`${OUTCOME[c.outcome]} [${c.kind}] ${c.message}`);
  }
  return lines.join('\n');
}
