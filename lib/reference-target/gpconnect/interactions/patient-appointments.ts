// Retrieve a patient's appointments: GET /Patient/{id}/Appointment?start=ge<date>&start=le<date>
import type { Reply } from '../../types.ts';
import { searchset } from '../bundle.ts';
import { param, type Call } from '../call.ts';
import { badRequest, GpcError, invalidParameter } from '../outcome.ts';
import { appointmentResource } from '../resources.ts';
import { parseSearchDate, type SearchDate } from '../search-dates.ts';
import { londonDate } from '../../../common/london-time.ts';
import { appointmentStart, isCancelled } from '../stored-appointments.ts';

interface DateRange {
  from: string;
  to: string;
}

/** A range not written as the page asks: INVALID_PARAMETER here, or (liberty: the page names no code) 400 BAD_REQUEST. */
function malformedRange(why: string, call: Call): GpcError {
  return call.ctx.liberty('gpc-range-shape-as-400') ? badRequest(why) : invalidParameter(why);
}

/** Exactly two date-only start parameters, one `ge` and one `le`, neither in the past, in order. */
function dateRange(call: Call): DateRange {
  const values = call.req.query.getAll('start');
  const parsed = values.map(parseSearchDate);
  if (values.length !== 2 || parsed.some((p) => p === undefined || !p.dateOnly)) {
    throw malformedRange('give the range as two date-only start parameters: start=ge<yyyy-mm-dd>&start=le<yyyy-mm-dd>', call);
  }
  const bound = (prefix: string): SearchDate | undefined => parsed.find((p) => p?.prefix === prefix);
  const [from, to] = [bound('ge'), bound('le')];
  if (!from || !to) throw malformedRange('the range needs one start=ge and one start=le parameter', call);
  if (!call.ctx.fault('gpc-appointment-range-not-checked')) {
    const today = londonDate(call.ctx.now());
    if (from.date < today || to.date < today) throw invalidParameter('the search range must not reach into the past');
    if (to.date < from.date) throw invalidParameter('the end of the search range is before its start');
  }
  return { from: from.date, to: to.date };
}

export function patientAppointments(call: Call): Reply {
  const patientId = param(call);
  if (!call.world.patients.has(patientId)) throw new GpcError('PATIENT_NOT_FOUND', `no patient has the id ${patientId}`);
  const range = dateRange(call);
  const hideCancelled = call.ctx.fault('gpc-cancelled-appointments-hidden');
  const matches = [...call.world.appointments.values()].filter((a) => {
    const day = londonDate(new Date(appointmentStart(a)));
    return a.patientId === patientId && day >= range.from && day <= range.to && !(hideCancelled && isCancelled(a));
  });
  const entries = matches.map((a) => ({ resource: appointmentResource(a, call.ctx), mode: 'match' as const }));
  return { status: 200, body: searchset(entries, call.req.baseUrl, call.ctx) };
}
