// A005 GET /ReferralRequest/{ubrn}[/_history/{version}]: the referral with its version (ETag = W/"meta.versionId"),
// shortlist, state, commissioning rule organisation and, once booked or deferred, its appointment.

import { createHash } from 'node:crypto';
import type { Reply } from '../../types.ts';
import { renderAppointment } from '../appointment.ts';
import { findReferral } from '../booking.ts';
import type { ErsCall, ErsEnv } from '../env.ts';
import { fhirResponse, weakEtag } from '../http.ts';
import { fail, type Generation } from '../outcome.ts';
import { callerFor } from '../session.ts';
import { CODE_SYSTEMS, EXTENSIONS, IDENTIFIER_SYSTEMS, PROFILES } from '../systems.ts';
import type { Referral } from '../world.ts';

const STATE_DISPLAY: Record<Referral['state'], string> = {
  NOT_BOOKED: 'Not Booked',
  BOOKED: 'Booked',
  DEFERRED_TO_PROVIDER: 'Deferred To Provider',
};

const PRIORITY_DISPLAY: Record<Referral['priority'], string> = {
  ROUTINE: 'Routine',
  URGENT: 'Urgent',
  TWO_WEEK_WAIT: 'Two Week Wait',
};

export function readReferral({ env, gen, req, params: [ubrn = '', historyVersion] }: ErsCall): Reply {
  const caller = callerFor(env, gen, req);
  if (!/^\d{12}$/.test(ubrn)) fail('INVALID_VALUE', `'${ubrn}' is not a 12-digit UBRN`);
  // The A005 page names a missing referral NO_SUCH_REQUEST.
  const referral = findReferral(env, ubrn, caller, 'NO_SUCH_REQUEST');
  // Only the latest version is kept; older ones cannot be read back.
  const versionChecked = !(gen === 'G2' && env.fault('ers-apim-history-ignores-version'));
  if (historyVersion !== undefined && historyVersion !== String(referral.version) && versionChecked) {
    fail('HISTORY_NOT_SUPPORTED', `only the current version (${referral.version}) of referral ${ubrn} can be read`);
  }
  return fhirResponse(200, renderReferral(env, referral, gen), { ETag: referralEtag(env, referral) });
}

function referralEtag(env: ErsEnv, referral: Referral): string {
  if (env.fault('ers-etag-not-version')) {
    return `W/"${createHash('sha1').update(`${referral.ubrn}:${referral.version}`).digest('hex').slice(0, 12)}"`;
  }
  return weakEtag(referral.version);
}

function renderReferral(env: ErsEnv, referral: Referral, gen: Generation): Record<string, unknown> {
  const linked = referral.appointmentId && !env.fault('ers-booked-referral-no-appointment') ? referral.appointmentId : undefined;
  const appointment = linked ? env.world.appointments.get(linked) : undefined;
  // The older legacy example also contains the appointment; the reference extension alone names it.
  const contain = appointment !== undefined && !env.liberty('ers-a005-appointment-by-reference-only');
  const extension: unknown[] = [];
  if (contain) extension.push({ url: EXTENSIONS.appointment, valueReference: { reference: '#appointment' } });
  if (appointment) extension.push({ url: EXTENSIONS.appointmentReference, valueReference: { reference: `Appointment/${appointment.id}` } });
  extension.push(
    {
      url: EXTENSIONS.priority,
      valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.priority, code: referral.priority, display: PRIORITY_DISPLAY[referral.priority] }] },
    },
    { url: EXTENSIONS.shortlist, valueReference: { reference: '#shortlist' } },
    {
      url: EXTENSIONS.commissioningRuleOrg,
      valueIdentifier: { system: IDENTIFIER_SYSTEMS.odsOrganisation, value: referral.commissioningRuleOrg },
    },
  );
  // The published legacy A005 of a booked referral shows the booking only by its contained Appointment.
  const stateless = gen !== 'G2' && contain && referral.state === 'BOOKED' && env.liberty('ers-a005-legacy-booked-form');
  if (!stateless) extension.push({ url: EXTENSIONS.referralState, extension: stateExtension(env, referral) });
  const contained: unknown[] = [shortlist(env, referral)];
  if (appointment && contain) contained.push({ ...renderAppointment(env, appointment), id: 'appointment' });
  return {
    resourceType: 'ReferralRequest',
    id: referral.ubrn,
    meta: env.fault('ers-referral-no-version-id') ? { profile: [PROFILES.referralRequest] } : { versionId: String(referral.version), profile: [PROFILES.referralRequest] },
    extension,
    contained,
    status: 'active',
    intent: 'plan',
    subject: { identifier: { system: IDENTIFIER_SYSTEMS.nhsNumber, value: referral.patientNhsNumber } },
    authoredOn: referral.created,
  };
}

function stateExtension(env: ErsEnv, referral: Referral): unknown[] {
  const code = env.fault('ers-referral-state-code-is-display') ? STATE_DISPLAY[referral.state] : referral.state;
  const state: unknown[] = [
    {
      url: 'state',
      valueCoding: { system: CODE_SYSTEMS.referralState, code, display: STATE_DISPLAY[referral.state] },
    },
  ];
  if (referral.state === 'DEFERRED_TO_PROVIDER' && referral.deferReason) {
    state.push({ url: 'reason', valueCoding: { system: CODE_SYSTEMS.reviewReason, code: referral.deferReason, display: referral.deferReason } });
  }
  return state;
}

/** The shortlist as a contained List; it mixes directly bookable, indirectly bookable and triage services. */
function shortlist(env: ErsEnv, referral: Referral): Record<string, unknown> {
  return {
    resourceType: 'List',
    id: 'shortlist',
    meta: { profile: [PROFILES.shortlist] },
    status: 'current',
    mode: 'snapshot',
    entry: referral.shortlist.map((serviceId) => ({
      item: {
        identifier: { system: IDENTIFIER_SYSTEMS.ersService, value: serviceId },
        display: env.world.service(serviceId)?.name ?? serviceId,
      },
    })),
  };
}
