// POST [base]/Appointment (seed 001): the GP Connect booking, its failures answered with the API Hub statuses
// (outcome.ts), and each created version kept so its Location URL stays readable.
import type { Reply } from '../../types.ts';
import { bookAppointment as gpConnectBook } from '../../gpconnect/interactions/book-appointment.ts';
import { coreCall, type ApiHubCall } from '../context.ts';
import { recordVersionOf } from '../stored-versions.ts';

export async function bookAppointment(call: ApiHubCall): Promise<Reply> {
  const reply = await gpConnectBook(coreCall(call));
  recordVersionOf(reply, call);
  return reply;
}
