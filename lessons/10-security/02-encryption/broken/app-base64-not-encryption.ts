/** Bug: encodes requests as base64 instead of encrypting them: base64 is an encoding anyone can undo. */
import type { AnyMessage, Json, Node } from '@playground/node';

type Envelope = { kid: string; iv: string; ct: string };
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The client's sidecar: seals every request to the vault with AES-GCM (a fresh IV each time, a sequence
 * number inside), opens the answer, and believes it only if it decrypts and carries the request's number.
 */
export default function app(node: Node) {
  // [1]
  const keys = new Map<string, Promise<CryptoKey>>();
  const keyOf = (kid: string): Promise<CryptoKey> => {
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
  let current = 't1';
  node.on('rotate', (msg: AnyMessage) => {
    current = String(msg.body.kid);
    node.reply(msg, { kid: current });
  });

  // [2]
  async function seal(kid: string, payload: Json): Promise<Envelope> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new TextEncoder().encode(JSON.stringify(payload));
    const _ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(kid) },
      await keyOf(kid),
      data,
    );
    return { kid, iv: b64(iv), ct: b64(data) };
  }
  async function open(env: Envelope): Promise<Record<string, Json> | undefined> {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: unb64(env.iv), additionalData: new TextEncoder().encode(env.kid) },
        await keyOf(env.kid),
        unb64(env.ct),
      );
      return JSON.parse(new TextDecoder().decode(plain)) as Record<string, Json>;
    } catch {
      return undefined;
    }
  }

  // [3]
  async function call(type: 'put' | 'get', payload: Record<string, Json>) {
    const started = node.monotonic();
    // Up to 2.5 s in all: the client waits 3 s.
    while (node.monotonic() - started < 2500) {
      const seq = (node.storage.get<number>('seq') ?? 0) + 1;
      node.storage.set('seq', seq);
      try {
        const env = await seal(current, { ...payload, seq });
        const reply = await node.rpc('router', type, env, { timeout: 400 });
        if (reply.type === 'rejected') continue;
        const answer = await open(reply.body as Envelope);
        if (answer && answer.seq === seq) return answer;
      } catch {
        // lost, or the vault is down: try again with a fresh envelope
      }
    }
    return undefined;
  }

  node.on('put', async (msg: AnyMessage) => {
    const answer = await call('put', { op: 'put', name: msg.body.name, secret: msg.body.secret });
    if (answer) node.reply(msg, { name: msg.body.name });
    else node.reply(msg, { why: 'the vault did not take it' }, 'failed');
  });
  node.on('get', async (msg: AnyMessage) => {
    const answer = await call('get', { op: 'get', name: msg.body.name });
    if (answer) node.reply(msg, { name: msg.body.name, secret: answer.secret ?? null });
    else node.reply(msg, { why: 'no answer from the vault' }, 'failed');
  });
}

/*
[1]
Each key is asked of kms once per life of the node, and kept (as a promise, so two requests at once ask
once). `current` is the transit key to seal with: kms says when it changes.

[2]
AES-GCM: a fresh random 12-byte IV for every message (never reuse one under a key: two messages under one
IV leak both plaintexts and let an attacker forge), the key id as additional data (authenticated, not
secret). Decryption fails, with an error, if a single bit of the envelope changed.

[3]
`seq`, a sequence number inside the sealed request, one higher for every attempt (kept in node.storage, so
it keeps rising across a restart), does two jobs: the vault refuses a number not higher than the last it
accepted (a replay, or an old request that comes late), and the vault's sealed answer carries it back, so
an old answer to another request is refused here. Every attempt is a new envelope: a new IV, a new number.
*/
