// Reads of the provider's directory resources: GET /Organization/{id}, /Location/{id}, /Practitioner/{id}.
import { param, type Call, type Handler, type Reply } from '../call.ts';
import { GpcError, type SpineCode } from '../outcome.ts';
import { locationResource, organizationResource, practitionerResource, type Resource } from '../resources.ts';
import type { World } from '../world.ts';

function reader(find: (world: World, id: string) => Resource | undefined, notFound: SpineCode, type: string): Handler {
  return (call: Call): Reply => {
    const id = param(call);
    const resource = find(call.world, id);
    if (!resource) throw new GpcError(notFound, `no ${type} has the id ${id}`);
    // Directory records are never changed through GP Connect, so they all stay at version 1.
    return { status: 200, headers: { etag: 'W/"1"' }, body: resource };
  };
}

const maybe = <T, R>(value: T | undefined, map: (v: T) => R): R | undefined => (value === undefined ? undefined : map(value));

export const readOrganization = reader((w, id) => maybe(w.organizations.get(id), organizationResource), 'ORGANISATION_NOT_FOUND', 'organisation');
export const readLocation = reader((w, id) => maybe(w.locations.get(id), locationResource), 'NO_RECORD_FOUND', 'location');
export const readPractitioner = reader((w, id) => maybe(w.practitioners.get(id), practitionerResource), 'PRACTITIONER_NOT_FOUND', 'practitioner');
