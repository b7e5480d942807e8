// GET [base]/Slot?status=free&start=ge...&start=lt...&schedule=...: the slots that match every parameter given
// (date comparisons on Slot.start, prefixes eq, ge, gt, le, lt), in start order.
import type { Reply } from '../../types.ts';
import type { FhirRestCall } from '../context.ts';
import { searchset } from '../bundle.ts';
import { FhirError } from '../outcome.ts';
import { slotResource } from '../resources.ts';
import type { SlotRec } from '../world.ts';

const PREFIX = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?)$/;

/** A date search value as a test on an instant: a date alone is the whole day (UTC, as this server keeps its clock). */
function dateTest(value: string): (t: Date) => boolean {
  const m = PREFIX.exec(value);
  if (!m) throw new FhirError(400, 'invalid', `start=${value} is not a FHIR date search value`);
  const prefix = m[1] ?? 'eq';
  const text = m[2]!;
  const low = new Date(m[3] ? text : `${text}T00:00:00Z`).getTime();
  const high = m[3] ? low : low + 86_400_000;
  if (Number.isNaN(low)) throw new FhirError(400, 'invalid', `start=${value} is not a date`);
  switch (prefix) {
    case 'ge': return (t) => t.getTime() >= low;
    case 'gt': return (t) => t.getTime() >= high;
    case 'le': return (t) => t.getTime() < high || (!m[3] ? false : t.getTime() <= low);
    case 'lt': return (t) => t.getTime() < low;
    default: return (t) => t.getTime() >= low && (m[3] ? t.getTime() === low : t.getTime() < high);
  }
}

export function searchSlots(call: FhirRestCall): Reply {
  const q = call.req.query;
  const tests: Array<(s: SlotRec) => boolean> = [];
  const status = q.get('status');
  if (status && !call.env.fault('frb-busy-slots-offered')) tests.push((s) => status.split(',').includes(s.status));
  for (const value of q.getAll('start')) {
    const test = dateTest(value);
    tests.push((s) => test(s.start));
  }
  const schedule = q.get('schedule');
  const scheduleId = String(call.world.schedule.id);
  if (schedule && schedule.replace(/^.*Schedule\//, '') !== scheduleId) tests.push(() => false);
  const matches = [...call.world.slots.values()].filter((s) => tests.every((t) => t(s))).sort((a, b) => a.start.getTime() - b.start.getTime());
  return { status: 200, body: searchset(call, matches.map((s) => slotResource(s, scheduleId))) };
}
