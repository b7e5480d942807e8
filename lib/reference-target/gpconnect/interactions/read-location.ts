// Read one Location: GET /Location/{id}.
import { directoryReader } from '../directory.ts';
import { locationResource } from '../resources.ts';

export const readLocation = directoryReader((w) => w.locations, locationResource, 'NO_RECORD_FOUND', 'location');
