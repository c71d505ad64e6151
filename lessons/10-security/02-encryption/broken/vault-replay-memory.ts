/** Bug: remembers the last sequence number in memory only: after the crash, every old request the router replays looks new. */
import type { AnyMessage, Json, Node } from '@playground/node';

type Envelope = { kid: string; iv: string; ct: string };
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The vault: opens sealed requests, refuses what does not decrypt or is not newer than the last one, and keeps each secret
 * in node.storage sealed with the storage key r1, so a crash loses nothing and a disk shows nothing.
 */
export default function vault(node: Node) {
  // [1]
  const keys = new Map<string, Promise<CryptoKey>>();
  // Keys kms retired after their grace: never used again, not even after a restart.
  const retired = new Set(node.storage.get<string[]>('retired') ?? []);
  const keyOf = (kid: string): Promise<CryptoKey> => {
    if (retired.has(kid)) return Promise.reject(new Error(`${kid} is retired`));
    let key = keys.get(kid);
    if (!key) {
      key = node
        .rpc('kms', 'key', { kid }, { timeout: 300 })
        .then((r) =>
          crypto.subtle.importKey('raw', unb64(String(r.body.key)), 'AES-GCM', false, ['encrypt', 'decrypt']),
        );
      key.catch(() => keys.delete(kid));
      keys.set(kid, key);
    }
    return key;
  };
  node.on('rotate', (msg: AnyMessage) => node.reply(msg, { kid: msg.body.kid }));
  node.on('retire', (msg: AnyMessage) => {
    const kid = String(msg.body.kid);
    retired.add(kid);
    keys.delete(kid);
    node.storage.set('retired', [...retired]);
    node.reply(msg, { kid });
  });

  async function seal(kid: string, payload: Json): Promise<Envelope> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new TextEncoder().encode(JSON.stringify(payload));
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(kid) },
      await keyOf(kid),
      data,
    );
    return { kid, iv: b64(iv), ct: b64(new Uint8Array(ct)) };
  }
  async function open(env: Envelope): Promise<Json | undefined> {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: unb64(env.iv), additionalData: new TextEncoder().encode(env.kid) },
        await keyOf(env.kid),
        unb64(env.ct),
      );
      return JSON.parse(new TextDecoder().decode(plain)) as Json;
    } catch {
      return undefined;
    }
  }

  // [2]
  let lastSeq = 0;
  async function handle(msg: AnyMessage) {
    const env = msg.body as Envelope;
    const request = (await open(env)) as Record<string, Json> | undefined;
    if (!request || typeof request !== 'object')
      return node.reply(msg, { why: 'does not decrypt' }, 'rejected');
    const last = lastSeq;
    if (typeof request.seq !== 'number' || request.seq <= last)
      return node.reply(msg, { why: `replayed: #${String(request.seq)} after #${last}` }, 'rejected');
    lastSeq = request.seq;
    const name = String(request.name);
    if (request.op === 'put') {
      // [3]
      node.storage.set(`v:${name}`, await seal('r1', request.secret ?? null));
      return node.reply(msg, await seal(env.kid, { seq: request.seq }));
    }
    const kept = node.storage.get<Envelope>(`v:${name}`);
    const secret = kept ? await open(kept) : null;
    node.reply(msg, await seal(env.kid, { seq: request.seq, secret: (secret ?? null) as Json }));
  }
  node.on('put', handle);
  node.on('get', handle);
}

/*
[1]
Keys by id, asked of kms once per life (after a restart, again). Any key kms has is good: an envelope
sealed with t1 may still arrive after the rotation to t2, and must still open.

[2]
Refuse what does not decrypt (tampered, or sealed with a key kms never had) and any sequence number not
higher than the last one accepted (a replay, or a late copy of a request the app has since sent again).
The last number is kept in node.storage: a replay that arrives after a restart is still one.

[3]
At rest: the secret is sealed with r1, a key kept by kms, never in storage. The answer is sealed with the
request's key and carries its sequence number back.
*/
