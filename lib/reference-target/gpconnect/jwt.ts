// The consumer's audit JWT (Authorization: Bearer). GP Connect tokens are unsigned, so every check here is about
// the claims being present and coherent, not about trust.
import type { RefRequest } from '../types.ts';
import type { GpcContext } from './context.ts';
import { ODS_ORG_SYSTEM } from './fixtures.ts';
import { isObject, nonBlankString, objectsIn, type JsonObject } from '../../common/json.ts';
import { badRequest, GpcError } from './outcome.ts';
import { IDENTIFIER_SYSTEM } from './profiles.ts';

/** The requested_scope values of the JWT; each interaction needs one (routes.ts). */
export type Scope = 'patient/*.read' | 'patient/*.write' | 'organization/*.read' | 'organization/*.write';

const TOKEN_LIFETIME_SECONDS = 300;
/** Tolerated clock skew for iat; the public demonstrator's default. */
const IAT_LEEWAY_SECONDS = 5;
const RESOURCE_SCOPES: readonly string[] = ['patient/*.read', 'patient/*.write', 'organization/*.read', 'organization/*.write'];
const CONFIDENTIALITY_SCOPES: readonly string[] = ['conf/N', 'conf/R'];
const REQUIRED_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'reason_for_request',
  'requested_scope',
  'requesting_device',
  'requesting_organization',
  'requesting_practitioner',
] as const;

/** Elements of a base STU3 Device: anything else in requesting_device is not a Device. */
const DEVICE_ELEMENTS = new Set([
  'resourceType', 'id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension',
  'identifier', 'udi', 'status', 'type', 'lotNumber', 'manufacturer', 'manufactureDate', 'expirationDate', 'model',
  'version', 'patient', 'owner', 'contact', 'location', 'url', 'note', 'safety',
]);

export function checkJwt(req: RefRequest, requiredScope: Scope, ctx: GpcContext): void {
  if (ctx.fault('gpc-jwt-not-checked')) return;
  const claims = decodeUnsignedJwt(bearerToken(req.headers.authorization));
  checkRequiredClaims(claims);
  checkIdentityClaims(claims);
  checkTokenTiming(claims, ctx);
  if (claims.reason_for_request !== 'directcare') {
    // 'migration' exists only for record migration, never for appointment interactions.
    throw badRequest(`reason_for_request must be 'directcare', got ${JSON.stringify(claims.reason_for_request)}`);
  }
  checkScope(claims.requested_scope, requiredScope, ctx);
  checkDevice(claims.requesting_device, ctx);
  checkRequestingOrganization(claims.requesting_organization);
  checkRequestingPractitioner(claims.requesting_practitioner, ctx);
}

function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  if (!match) throw badRequest('the Authorization header must carry a Bearer JWT');
  return match[1]!;
}

function decodeSegment(segment: string, what: string): JsonObject {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  throw badRequest(`the JWT ${what} is not a base64url-encoded JSON object`);
}

function decodeUnsignedJwt(token: string): JsonObject {
  const parts = token.split('.');
  if (parts.length !== 3) throw badRequest('the JWT must have three dot-separated parts');
  const [header, payload, signature] = parts as [string, string, string];
  if (signature !== '') throw badRequest('the JWT must be unsigned: an empty signature, ending with a trailing "."');
  const jose = decodeSegment(header, 'header');
  if (jose.alg !== 'none' || jose.typ !== 'JWT') throw badRequest('the JWT header must be {"alg":"none","typ":"JWT"}');
  return decodeSegment(payload, 'payload');
}

function checkRequiredClaims(claims: JsonObject): void {
  const missing = REQUIRED_CLAIMS.filter((name) => claims[name] === undefined || claims[name] === null || claims[name] === '');
  if (missing.length > 0) throw badRequest(`JWT claims missing: ${missing.join(', ')}`);
}

function checkIdentityClaims(claims: JsonObject): void {
  if (!nonBlankString(claims.iss) || !URL.canParse(claims.iss)) throw badRequest('JWT iss must be the consumer system URL');
  if (!nonBlankString(claims.aud)) throw badRequest('JWT aud must be the provider endpoint URL');
  if (!nonBlankString(claims.sub)) throw badRequest('JWT sub must be a non-blank string');
  const practitioner = claims.requesting_practitioner;
  if (isObject(practitioner) && claims.sub !== practitioner.id) {
    throw badRequest('JWT sub must equal requesting_practitioner.id');
  }
}

function checkTokenTiming(claims: JsonObject, ctx: GpcContext): void {
  const { iat, exp } = claims;
  if (!Number.isInteger(iat) || !Number.isInteger(exp)) throw badRequest('JWT iat and exp must be whole seconds since the epoch');
  const now = ctx.now().getTime() / 1000;
  if (!ctx.fault('gpc-jwt-lifetime-not-checked') && (exp as number) - (iat as number) !== TOKEN_LIFETIME_SECONDS) {
    throw badRequest(`JWT exp must be exactly iat + ${TOKEN_LIFETIME_SECONDS} seconds`);
  }
  if (!ctx.fault('gpc-jwt-expiry-not-checked') && (exp as number) < now) throw badRequest('the JWT has expired');
  if ((iat as number) > now + IAT_LEEWAY_SECONDS) throw badRequest('JWT iat is in the future');
}

function checkScope(value: unknown, required: Scope, ctx: GpcContext): void {
  const tokens = typeof value === 'string' ? value.trim().split(/\s+/) : [];
  const scopes = tokens.filter((t) => RESOURCE_SCOPES.includes(t));
  const unknown = tokens.filter((t) => !RESOURCE_SCOPES.includes(t) && !CONFIDENTIALITY_SCOPES.includes(t));
  if (scopes.length !== 1 || unknown.length > 0) {
    throw badRequest(`JWT requested_scope must be one of ${RESOURCE_SCOPES.join(', ')} (optionally with conf/N or conf/R)`);
  }
  if (!ctx.fault('gpc-scope-not-checked') && scopes[0] !== required) {
    throw badRequest(`JWT requested_scope ${scopes[0]} does not permit this interaction, which needs ${required}`);
  }
}

/**
 * National assurance expects 422 INVALID_RESOURCE when a claim resource is not a valid resource of its type
 * (requesting_device with a wrong resourceType or a foreign element, requesting_practitioner with a wrong
 * resourceType); the error guide and the demonstrator say 400. We follow assurance, since it is what suppliers are held to.
 */
function invalidClaimResource(why: string, ctx: GpcContext): GpcError {
  // Liberty: the error guide's answer, 400 BAD_REQUEST.
  return ctx.liberty('gpc-jwt-claim-resource-400') ? badRequest(why) : new GpcError('INVALID_RESOURCE', why);
}

function checkDevice(device: unknown, ctx: GpcContext): void {
  if (!isObject(device)) throw badRequest('JWT requesting_device must be a JSON object');
  if (device.resourceType !== 'Device') throw invalidClaimResource('JWT requesting_device must be a Device resource', ctx);
  const foreign = Object.keys(device).filter((k) => !DEVICE_ELEMENTS.has(k));
  if (foreign.length > 0) throw invalidClaimResource(`JWT requesting_device has elements a Device does not have: ${foreign.join(', ')}`, ctx);
  const identified = objectsIn(device.identifier).some((i) => nonBlankString(i.system) && nonBlankString(i.value));
  if (!identified || !nonBlankString(device.model) || !nonBlankString(device.version)) {
    throw badRequest('JWT requesting_device needs an identifier (system and value), a model and a version');
  }
}

function checkRequestingOrganization(org: unknown): void {
  if (!isObject(org) || org.resourceType !== 'Organization') throw badRequest('JWT requesting_organization must be an Organization');
  const ods = objectsIn(org.identifier).some((i) => i.system === ODS_ORG_SYSTEM && nonBlankString(i.value));
  if (!nonBlankString(org.name) || !ods) throw badRequest('JWT requesting_organization needs a name and an ODS code identifier');
}

function hasIdentifier(identifiers: JsonObject[], system: string): boolean {
  return identifiers.some((i) => i.system === system && nonBlankString(i.value));
}

function checkRequestingPractitioner(practitioner: unknown, ctx: GpcContext): void {
  if (!isObject(practitioner)) throw badRequest('JWT requesting_practitioner must be a JSON object');
  if (practitioner.resourceType !== 'Practitioner') {
    throw invalidClaimResource('JWT requesting_practitioner must be a Practitioner resource', ctx);
  }
  const name = objectsIn(practitioner.name)[0];
  const named =
    name !== undefined && nonBlankString(name.family) && nonEmptyStringList(name.given) && nonEmptyStringList(name.prefix);
  if (!nonBlankString(practitioner.id) || !named) {
    throw badRequest('JWT requesting_practitioner needs an id and a name with family, given and prefix');
  }
  const ids = objectsIn(practitioner.identifier);
  const local = ids.some((i) => i.system !== IDENTIFIER_SYSTEM.sdsUser && i.system !== IDENTIFIER_SYSTEM.sdsRoleProfile);
  if (!hasIdentifier(ids, IDENTIFIER_SYSTEM.sdsUser) || !hasIdentifier(ids, IDENTIFIER_SYSTEM.sdsRoleProfile) || !local) {
    throw badRequest('JWT requesting_practitioner needs SDS user id, SDS role profile id (or UNK) and a local user identifier');
  }
}

function nonEmptyStringList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every(nonBlankString);
}
