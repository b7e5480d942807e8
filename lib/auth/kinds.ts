// Which auth kinds a pack accepts from a target. A pack that declares `none` accepts none but
// `none`: a target entry that configures auth for it is a mistake, never silently sent.

import type { PackDef } from '../model/pack.ts';
import type { AuthKind } from '../model/target.ts';

export const AUTH_KINDS: readonly AuthKind[] = ['none', 'bearer', 'basic', 'oauth2-client-credentials', 'smart-backend', 'gpconnect-jwt', 'ers-session', 'apim-bearer'];

export function acceptedAuthKinds(pack: PackDef): readonly AuthKind[] {
  return pack.authKinds ?? [pack.auth];
}

/** Why a target's auth kind does not fit the pack, or undefined when it does. */
export function authKindMismatch(pack: PackDef, kind: AuthKind): string | undefined {
  const accepted = acceptedAuthKinds(pack);
  if (accepted.includes(kind)) return undefined;
  if (accepted.length === 1 && accepted[0] === 'none') {
    return `pack ${pack.id} declares auth: none (its pack.yaml), the target configures '${kind}': remove the target pack's auth, or declare the kind in pack.yaml`;
  }
  if (accepted.length === 1) return `pack ${pack.id} needs auth kind '${accepted[0]}', the target gives '${kind}'`;
  return `pack ${pack.id} needs one of the auth kinds ${accepted.map((k) => `'${k}'`).join(', ')}, the target gives '${kind}'`;
}
