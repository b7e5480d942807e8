// The booking organisation: an extension on the Appointment pointing at a contained Organization.
import { ODS_ORG_SYSTEM, ORG_TYPE_SYSTEM } from './fixtures.ts';
import { isObject, nonBlankString, objectsIn, type JsonObject } from '../../common/json.ts';
import { invalidResource } from './outcome.ts';
import { extensionsWithUrl } from './appointment-body.ts';
import { EXTENSION, PROFILE } from './profiles.ts';

export interface BookingOrganisation {
  odsCode: string;
  orgTypes: string[];
}

function containedTarget(body: JsonObject): JsonObject {
  const extensions = extensionsWithUrl(body, EXTENSION.bookingOrganisation);
  if (extensions.length !== 1) throw invalidResource('exactly one booking organisation extension is required');
  const ref = isObject(extensions[0]!.valueReference) ? extensions[0]!.valueReference.reference : undefined;
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    throw invalidResource('the booking organisation extension must reference a contained Organization (#id)');
  }
  const target = objectsIn(body.contained).find((r) => `#${String(r.id)}` === ref);
  if (!target) throw invalidResource(`no contained resource has the id ${ref.slice(1)}`);
  return target;
}

function orgTypeCodes(org: JsonObject): string[] {
  const codings = objectsIn(org.type).flatMap((t) => objectsIn(t.coding));
  if (codings.some((c) => c.system !== ORG_TYPE_SYSTEM || !nonBlankString(c.code))) {
    throw invalidResource(`the booking organisation type, when given, must be coded in ${ORG_TYPE_SYSTEM}`);
  }
  return codings.map((c) => String(c.code));
}

/** Validates the contained booking Organization and returns what slot availability rules need from it. */
export function readBookingOrganisation(body: JsonObject): BookingOrganisation {
  const org = containedTarget(body);
  if (org.resourceType !== 'Organization') throw invalidResource('the booking organisation must be an Organization');
  const profiles = isObject(org.meta) && Array.isArray(org.meta.profile) ? org.meta.profile : [];
  if (!profiles.includes(PROFILE.organization)) throw invalidResource(`the booking organisation must declare ${PROFILE.organization}`);
  const ods = objectsIn(org.identifier).find((i) => i.system === ODS_ORG_SYSTEM && nonBlankString(i.value));
  if (!ods) throw invalidResource('the booking organisation needs an ODS code identifier');
  if (!nonBlankString(org.name)) throw invalidResource('the booking organisation needs a name');
  if (!objectsIn(org.telecom).some((t) => t.system === 'phone' && nonBlankString(t.value))) {
    throw invalidResource('the booking organisation needs a phone number');
  }
  return { odsCode: String(ods.value), orgTypes: orgTypeCodes(org) };
}
