// The one table of e-RS interactions: which generations serve each, the Interaction name the outcome
// status tables are keyed by, verb, path and handler. Routes are matched per generation (shared/router.ts).

import type { Reply, Route } from '../types.ts';
import type { ErsCall } from './env.ts';
import { bookDirect } from './interactions/bookdirect.ts';
import { bookOrDefer } from './interactions/book-or-defer.ts';
import { readAppointment } from './interactions/read-appointment.ts';
import { readReferral } from './interactions/read-referral.ts';
import { searchSlots } from './interactions/search-slots.ts';
import type { Generation, Interaction } from './outcome.ts';

export type ErsHandler = (call: ErsCall) => Reply | Promise<Reply>;

export interface ErsRoute extends Route<ErsHandler> {
  /** The generations whose packs serve this route; on the others its path is unknown (404). */
  generations: readonly Generation[];
  /** Picks the OutcomeKey -> status table (outcome.ts statusFor). */
  interaction: Interaction;
}

// Any non-empty segment: the handlers validate ids themselves, so a malformed UBRN is INVALID_VALUE, not 404.
const ID = '([^/]+)';
const LEGACY_AND_APIM: readonly Generation[] = ['G1', 'G2'];

export const ROUTES: readonly ErsRoute[] = [
  { name: 'search-slots', interaction: 'A015', generations: LEGACY_AND_APIM, method: 'GET', path: /^\/Slot$/, run: searchSlots },
  { name: 'book-or-defer', interaction: 'A016', generations: LEGACY_AND_APIM, method: 'POST', path: /^\/Appointment$/, run: bookOrDefer },
  { name: 'read-referral', interaction: 'A005', generations: LEGACY_AND_APIM, method: 'GET', path: new RegExp(`^/ReferralRequest/${ID}$`), run: readReferral },
  {
    name: 'read-referral',
    interaction: 'A005',
    generations: LEGACY_AND_APIM,
    method: 'GET',
    path: new RegExp(`^/ReferralRequest/${ID}/_history/${ID}$`),
    run: readReferral,
  },
  // A038 belongs to the API platform only.
  { name: 'read-appointment', interaction: 'A038', generations: ['G2'], method: 'GET', path: new RegExp(`^/Appointment/${ID}$`), run: readAppointment },
  {
    name: 'read-appointment',
    interaction: 'A038',
    generations: ['G2'],
    method: 'GET',
    path: new RegExp(`^/Appointment/${ID}/_history/${ID}$`),
    run: readAppointment,
  },
  {
    name: 'bookdirect',
    interaction: 'bookdirect',
    generations: ['G0'],
    method: 'POST',
    path: new RegExp(`^/ReferralRequest/${ID}/\\$ers\\.bookdirect$`),
    run: bookDirect,
  },
];

/** The routes one generation serves, in table order. */
export function routesOf(gen: Generation): readonly ErsRoute[] {
  return ROUTES.filter((r) => r.generations.includes(gen));
}
