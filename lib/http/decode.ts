// Bytes to text without hiding what the target sent: invalid UTF-8 is found and reported,
// never silently replaced (the lossy text is kept for the report's evidence only).

const strict = new TextDecoder('utf-8', { fatal: true });
// The BOM is kept so offsets computed from the text line up with the bytes.
const lossy = new TextDecoder('utf-8', { ignoreBOM: true });

export interface Decoded {
  text: string;
  /** Offset of the first byte that is not UTF-8, when there is one. */
  invalidAt?: number;
}

/** A truncated body may end mid-character: it is never parsed, so it is decoded leniently. */
export function decodeBody(bytes: Uint8Array, truncated: boolean): Decoded {
  if (truncated) return { text: lossy.decode(bytes) };
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lossy.decode(bytes);
    return { text, invalidAt: firstInvalidByte(bytes, text) };
  }
}

const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = [0xef, 0xbf, 0xbd];

/** Every byte before the first U+FFFD that the sender did not write itself is valid UTF-8, so its offset is the encoded length of the text before it. */
function firstInvalidByte(bytes: Uint8Array, text: string): number {
  let from = 0;
  for (;;) {
    const i = text.indexOf(REPLACEMENT, from);
    if (i < 0) return bytes.length;
    const offset = Buffer.byteLength(text.slice(0, i), 'utf8');
    const sentItself = ENCODED_REPLACEMENT.every((b, k) => bytes[offset + k] === b);
    if (!sentItself) return offset;
    from = i + 1;
  }
}
