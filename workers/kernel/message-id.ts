/**
 * Message ids as numbers. The node runtime names a message `<sender>#<n>`, or `<sender>#<incarnation>.<n>`
 * after a restart (incarnation.ts), so given the sender's name an id is two integers, which the trace keeps in
 * typed-array columns instead of one string object per message. Anything else (a learner's own `inReplyTo`
 * text, a sender name that does not match) is left to the caller to keep as text; `format` always rebuilds
 * exactly the string `parse` accepted.
 */

/** `incarnation` of an id written without one: `<sender>#<n>`. */
export const NO_INCARNATION = -1;

/** Where `parseMessageId` puts what it read (one reused object: parsing allocates nothing). */
export interface ParsedId {
  incarnation: number;
  n: number;
}

/** Longest digit run read as a number: 15 digits are always exact in a double. */
const MAX_DIGITS = 15;

/**
 * Read `id` as `<sender>#<n>` or `<sender>#<incarnation>.<n>` (decimal, no sign, no leading zeros) into
 * `out`. False when it is not of that form, and then `out` is meaningless.
 */
export function parseMessageId(id: string, sender: string, out: ParsedId): boolean {
  const hash = sender.length;
  if (id.length < hash + 2 || id.charCodeAt(hash) !== 0x23 || !id.startsWith(sender)) return false;
  const first = readNumber(id, hash + 1);
  if (first < 0) return false;
  if (numberEnd === id.length) {
    out.incarnation = NO_INCARNATION;
    out.n = first;
    return true;
  }
  if (id.charCodeAt(numberEnd) !== 0x2e) return false;
  const second = readNumber(id, numberEnd + 1);
  if (second < 0 || numberEnd !== id.length) return false;
  out.incarnation = first;
  out.n = second;
  return true;
}

/** The id `parseMessageId` read `incarnation` and `n` from. */
export function formatMessageId(sender: string, incarnation: number, n: number): string {
  return incarnation === NO_INCARNATION ? `${sender}#${n}` : `${sender}#${incarnation}.${n}`;
}

/** Where the last `readNumber` stopped (a module variable: no result object per call). */
let numberEnd = 0;

/**
 * The decimal number starting at `from` (up to the first non-digit; `numberEnd` is set to its end), or -1
 * when there is none, it is too long, or it is not canonical.
 */
function readNumber(text: string, from: number): number {
  let value = 0;
  let i = from;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  numberEnd = i;
  const digits = i - from;
  if (digits === 0 || digits > MAX_DIGITS) return -1;
  // A leading zero would not survive the round trip through a number ("007" -> 7).
  if (digits > 1 && text.charCodeAt(from) === 0x30) return -1;
  return value;
}
