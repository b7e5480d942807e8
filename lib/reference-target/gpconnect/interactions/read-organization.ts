// Read one Organization: GET /Organization/{id}.
import { directoryReader } from '../directory.ts';
import { organizationResource } from '../resources.ts';

export const readOrganization = directoryReader((w) => w.organizations, organizationResource, 'ORGANISATION_NOT_FOUND', 'organisation');
