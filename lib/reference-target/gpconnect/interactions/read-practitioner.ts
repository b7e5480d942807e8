// Read one Practitioner: GET /Practitioner/{id}.
import { directoryReader } from '../directory.ts';
import { practitionerResource } from '../resources.ts';

export const readPractitioner = directoryReader((w) => w.practitioners, practitionerResource, 'PRACTITIONER_NOT_FOUND', 'practitioner');
