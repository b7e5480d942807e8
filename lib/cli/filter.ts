import type { Filter } from '../runner/select.ts';
import type { Shard } from '../runner/shard.ts';

/** The selection flags (--grep, --tags, --shard) as the session's filter. */
export function filterOf(opts: { grep?: string; tags?: string[]; shard?: Shard }): Filter {
  return { ...(opts.grep ? { grep: opts.grep } : {}), ...(opts.tags ? { tags: opts.tags } : {}), ...(opts.shard ? { shard: opts.shard } : {}) };
}
