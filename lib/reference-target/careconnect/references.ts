// FHIR references in a booking body: relative (Slot/810001) or absolute under this provider's own base.

const RELATIVE = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/;

export interface ParsedReference {
  type: string;
  id: string;
}

/** The type and id a reference names here, or undefined when it is not a reference this provider can resolve. */
export function parseReference(value: unknown, baseUrl: string): ParsedReference | undefined {
  if (typeof value !== 'string') return undefined;
  const local = value.startsWith(`${baseUrl}/`) ? value.slice(baseUrl.length + 1) : value;
  const match = RELATIVE.exec(local);
  return match ? { type: match[1]!, id: match[2]! } : undefined;
}
