// One entry per check kind. The runner calls runCheck; it never needs to know a kind's rules.

import type { CheckSpec } from '../model/suite.ts';
import { checkBody } from './body.ts';
import { checkContentType } from './content-type.ts';
import { checkEtag } from './etag.ts';
import { checkFhirPath } from './fhirpath.ts';
import { checkHeader } from './headers.ts';
import { checkLastModified } from './last-modified.ts';
import { checkLocation } from './location.ts';
import { checkOutcome } from './outcome.ts';
import { checkProfile } from './profile.ts';
import { checkStatus } from './status.ts';
import { CheckToolError, type CheckFn, type CheckInput, type Verdict } from './types.ts';

type Registry = { [K in Exclude<CheckSpec['kind'], 'statuses'>]: CheckFn<K> };

const registry: Registry = {
  status: checkStatus,
  headers: checkHeader,
  location: checkLocation,
  etag: checkEtag,
  lastModified: checkLastModified,
  contentType: checkContentType,
  fhirpath: checkFhirPath,
  outcome: checkOutcome,
  profile: checkProfile,
  body: checkBody,
};

export function runCheck(spec: Exclude<CheckSpec, { kind: 'statuses' }>, input: CheckInput): Verdict {
  const fn = registry[spec.kind] as CheckFn<typeof spec.kind>;
  try {
    return fn(spec as never, input);
  } catch (err) {
    // A bug in a check or a suite must not look like the target's fault.
    if (err instanceof CheckToolError) throw err;
    throw new CheckToolError(`check '${spec.kind}' crashed: ${(err as Error).stack ?? String(err)}`);
  }
}


export { CheckToolError, type CheckInput, type Verdict } from './types.ts';
export { checkStatusCounts } from './statuses.ts';
