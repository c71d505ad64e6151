/** Turning learner values into effect text and wire data. */
import type { Json } from '../kernel/protocol';

/** A message body as it was when sent: later mutation by the sender must not travel with it. */
export function snapshot(body: Json | undefined): Json {
  if (body === undefined) return null;
  if (body === null || typeof body !== 'object') return body;
  return JSON.parse(JSON.stringify(body)) as Json;
}

/** Parts joined like console.log: strings as they are, everything else as JSON. */
export function formatParts(parts: unknown[]): string {
  let text = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i > 0) text += ' ';
    if (typeof p === 'string') text += p;
    else if (p instanceof Error) text += describeError(p);
    else {
      let json: string | undefined;
      try {
        json = JSON.stringify(p);
      } catch {
        json = undefined;
      }
      text += json ?? String(p);
    }
  }
  return text;
}

/** "Name: message" for errors; anything else thrown is shown as the value. */
export function describeError(err: unknown, withName = true): string {
  if (err instanceof Error || (err !== null && typeof err === 'object' && 'message' in err)) {
    const e = err as Error;
    return withName ? `${e.name ?? 'Error'}: ${e.message}` : String(e.message);
  }
  return `Uncaught ${formatParts([err])}`;
}
