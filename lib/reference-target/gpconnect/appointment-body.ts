// What book, amend and cancel share about an Appointment in a request body.
import type { RefRequest } from '../types.ts';
import type { GpcContext } from './context.ts';
import { isObject, nonBlankString, objectsIn, parseJson, type JsonObject } from '../../common/json.ts';
import { badRequest, invalidResource } from './outcome.ts';
import { EXTENSION, PROFILE } from './profiles.ts';

export const DESCRIPTION_MAX = 100;
export const COMMENT_MAX = 500;
/** The text field length of a provider that truncates descriptions (fault gpc-description-truncated). */
const TRUNCATED_DESCRIPTION_LENGTH = 50;

const RELATIVE_REFERENCE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;
const ABSOLUTE_REFERENCE = /^https?:\/\/\S+\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

export function readAppointmentBody(req: RefRequest): JsonObject {
  const body = parseJson(req.rawBody);
  if (body === undefined) throw badRequest('the request body is not valid JSON');
  if (!isObject(body) || body.resourceType !== 'Appointment') throw invalidResource('the request body must be an Appointment resource');
  return body;
}

export function declaresAppointmentProfile(body: JsonObject): boolean {
  return isObject(body.meta) && Array.isArray(body.meta.profile) && body.meta.profile.includes(PROFILE.appointment);
}

/** `Type/id`, or undefined. References must be relative: the provider resolves them against its own base. */
export function parseReference(value: unknown, ctx: GpcContext): { type: string; id: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RELATIVE_REFERENCE.exec(value) ?? (ctx.fault('gpc-absolute-reference-accepted') ? ABSOLUTE_REFERENCE.exec(value) : null);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}

export function extensionsWithUrl(resource: JsonObject, url: string): JsonObject[] {
  return objectsIn(resource.extension).filter((e) => e.url === url);
}

export function cancellationReasons(body: JsonObject): JsonObject[] {
  return extensionsWithUrl(body, EXTENSION.cancellationReason);
}

/** A provider's own field sizes when they are larger than the consumer's limits (liberties). */
const PROVIDER_TEXT_MAX = 4000;

/**
 * How this provider stores the texts. The consumer enforces the 100/500 limits; the provider errs only when a
 * text is too long for its own fields. This one has fields of exactly those sizes, unless a liberty gives it
 * larger separate fields or a single notes field holding both (which it MAY concatenate into).
 */
function textStore(ctx: GpcContext): { single: boolean; descriptionMax: number; commentMax: number } {
  if (ctx.liberty('gpc-texts-concatenated')) return { single: true, descriptionMax: PROVIDER_TEXT_MAX, commentMax: PROVIDER_TEXT_MAX };
  if (ctx.liberty('gpc-long-texts-stored')) return { single: false, descriptionMax: PROVIDER_TEXT_MAX, commentMax: PROVIDER_TEXT_MAX };
  return { single: false, descriptionMax: DESCRIPTION_MAX, commentMax: COMMENT_MAX };
}

/** description is mandatory; comment optional. Both are free text for the patient's booking. */
export function checkTexts(body: JsonObject, ctx: GpcContext): void {
  if (!nonBlankString(body.description)) throw invalidResource('description is required');
  if (body.comment !== undefined && typeof body.comment !== 'string') throw invalidResource('comment must be a string');
  const store = textStore(ctx);
  const description = store.single && typeof body.comment === 'string' ? `${body.description} ${body.comment}` : body.description;
  if (description.length > store.descriptionMax) throw invalidResource(`description is longer than the ${store.descriptionMax} characters this provider stores`);
  if (!store.single && typeof body.comment === 'string' && body.comment.length > store.commentMax) {
    throw invalidResource(`comment is longer than the ${store.commentMax} characters this provider stores`);
  }
}

/** description and comment as this provider stores them: exactly as sent, unless a fault says otherwise. */
export function storedTexts(body: JsonObject, ctx: GpcContext): { description: string; comment?: string } {
  if (textStore(ctx).single) return { description: typeof body.comment === 'string' ? `${String(body.description)} ${body.comment}` : String(body.description) };
  const sent = String(body.description);
  const description = ctx.fault('gpc-description-truncated') ? sent.slice(0, TRUNCATED_DESCRIPTION_LENGTH) : sent;
  if (ctx.fault('gpc-comment-dropped')) return { description };
  if (typeof body.comment === 'string') return { description, comment: body.comment };
  // A provider with one notes field that echoes it back in both places.
  return ctx.fault('gpc-comment-invented') ? { description, comment: sent } : { description };
}
