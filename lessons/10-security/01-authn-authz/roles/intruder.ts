import type { Node } from '@playground/node';

const VICTIMS = ['ana', 'ben', 'ops'];
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromB64url = (text: string) =>
  new TextDecoder().decode(
    Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
  );
const toB64url = (text: string) => b64url(new TextEncoder().encode(text));

interface Held {
  token: string;
  expiresAt: number;
}

/**
 * An intruder with an account of its own (eve, mal): every 80 ms it tries one trick drawn from its seeded
 * stream, with the tokens it holds: someone else's records, edited claims, an unsigned token, an expired
 * token, a revoked one, claims in the request body. It never stops, whatever the gateway answers.
 */
export default function intruder(node: Node) {
  const me = node.id === 'intruder-1' ? 'eve' : 'mal';
  const held: Held[] = [];
  let renewAt = 0;
  let renewing = false;

  async function login() {
    renewing = true;
    try {
      const reply = await node.rpc('auth', 'login', {}, { timeout: 300 });
      if (reply.type === 'login_ok') {
        held.push({ token: String(reply.body.token), expiresAt: node.monotonic() + Number(reply.body.ttl) });
        renewAt = node.monotonic() + Number(reply.body.ttl) / 2;
      } else renewAt = node.monotonic() + 1000;
    } catch {
      // try again soon
    } finally {
      renewing = false;
    }
  }
  void login();
  node.every(100, () => {
    if (!renewing && node.monotonic() >= renewAt) void login();
  });

  const pick = <T>(list: readonly T[]): T => list[Math.floor(node.random() * list.length)]!;
  const recordOf = (user: string) => `${user}/${1 + Math.floor(node.random() * 5)}`;

  // [1]
  const tricks: Record<string, (latest: string) => { op: string; body: Record<string, string> }> = {
    'someone else’s record': (latest) => ({
      op: 'read',
      body: { token: latest, record: recordOf(pick(VICTIMS)) },
    }),
    'edited claims, old signature': (latest) => {
      const [payload = '', sig = ''] = latest.split('.');
      const claims = JSON.parse(fromB64url(payload)) as Record<string, unknown>;
      const victim = pick(VICTIMS);
      const edited: Record<string, unknown> =
        node.random() < 0.5 ? { ...claims, role: 'admin' } : { ...claims, sub: victim };
      const op = edited.role === 'admin' && node.random() < 0.5 ? 'delete' : 'read';
      return { op, body: { token: `${toB64url(JSON.stringify(edited))}.${sig}`, record: recordOf(victim) } };
    },
    'a token it made up': () => {
      const victim = pick(VICTIMS);
      const claims = {
        sub: victim,
        role: 'admin',
        exp: 9e12,
        jti: b64url(crypto.getRandomValues(new Uint8Array(9))),
      };
      const sig = node.random() < 0.5 ? '' : b64url(crypto.getRandomValues(new Uint8Array(32)));
      return {
        op: 'read',
        body: { token: `${toB64url(JSON.stringify(claims))}.${sig}`, record: recordOf(victim) },
      };
    },
    'a token that just expired': (latest) => {
      const expired = held.filter((h) => h.expiresAt <= node.monotonic());
      const token = expired.length > 0 ? expired[expired.length - 1]!.token : latest;
      return { op: 'read', body: { token, record: recordOf(me) } };
    },
    'its latest token (perhaps revoked)': (latest) => ({
      op: 'read',
      body: { token: latest, record: recordOf(me) },
    }),
    'claims in the request body': (latest) => {
      const victim = pick(VICTIMS);
      return {
        op: node.random() < 0.5 ? 'delete' : 'read',
        body: { token: latest, record: recordOf(victim), user: victim, role: 'admin' },
      };
    },
  };
  const names = Object.keys(tricks);

  const ticker = node.every(80, () => {
    if (node.monotonic() > 13_000) return ticker.cancel();
    const latest = held[held.length - 1];
    if (!latest) return;
    const trick = pick(names);
    const { op, body } = tricks[trick]!(latest.token);
    node.rpc('gateway', op, body, { timeout: 500 }).then(
      (reply) => {
        if (reply.type !== 'denied') node.warn(`${trick}: ${op} ${body.record} got ${reply.type}`);
      },
      () => undefined,
    );
  });
}

/*
[1]
The tricks, one drawn per request (so each seed mixes them differently). Edited claims keep the old
signature, which no longer matches. A made-up token has no signature or random bytes for one. The token
that just expired did so a moment ago (a gateway whose clock runs late still takes it). Eve's latest token
is revoked at a moment drawn per seed, and she keeps using it. "Claims in the request body" sends
`user` and `role` fields beside the token, for a gateway that believes the request instead of the token.
*/
