// Reads of the provider's directory resources (Organization, Location, Practitioner): one shape, so one builder.
import type { Reply } from '../types.ts';
import { param, type Call, type Handler } from './call.ts';
import { GpcError, type SpineCode } from './outcome.ts';
import type { Resource } from './resources.ts';
import type { GpcWorld } from './world.ts';

/** The read of one kind of directory record: found in `records`, shown by `render`, else the `notFound` error. */
export function directoryReader<R>(
  records: (world: GpcWorld) => ReadonlyMap<string, R>,
  render: (record: R) => Resource,
  notFound: SpineCode,
  type: string,
): Handler {
  return (call: Call): Reply => {
    const id = param(call);
    const record = records(call.world).get(id);
    if (record === undefined) throw new GpcError(notFound, `no ${type} has the id ${id}`);
    // Directory records are never changed through GP Connect, so they all stay at version 1.
    return { status: 200, headers: { etag: 'W/"1"' }, body: render(record) };
  };
}
