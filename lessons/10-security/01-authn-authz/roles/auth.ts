import type { AnyMessage, Node } from '@playground/node';

/** Who each node may log in as: auth trusts the node a login comes from (think of a client certificate). */
const ACCOUNTS: Record<string, { user: string; role: 'user' | 'admin' }> = {
  'client-1': { user: 'ana', role: 'user' },
  'client-2': { user: 'ben', role: 'user' },
  'client-3': { user: 'ops', role: 'admin' },
  'intruder-1': { user: 'eve', role: 'user' },
  'intruder-2': { user: 'mal', role: 'user' },
};
/** How long a token is good for, in ms of auth's clock. */
const TTL = 4000;

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const unb64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

type Revoked = {
  jti: string;
  exp: number;
};

/**
 * The identity provider: logs nodes in and signs their tokens with HMAC-SHA256; gives the gateway the key.
 * At a moment drawn per seed it finds eve's token stolen: it revokes it and locks her out. Key, revocations
 * and locks are kept in node.storage, so a crash loses none of them.
 */
export default function auth(node: Node) {
  // [1]
  let raw = node.storage.get<string>('key');
  if (raw === undefined) {
    raw = b64url(crypto.getRandomValues(new Uint8Array(32)));
    node.storage.set('key', raw);
  }
  const key = crypto.subtle.importKey('raw', unb64url(raw), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  let revokeAt = node.storage.get<number>('revokeAt');
  if (revokeAt === undefined) {
    revokeAt = 5000 + Math.floor(node.random() * 5000);
    node.storage.set('revokeAt', revokeAt);
  }
  const revoked = () => node.storage.get<Revoked[]>('revoked') ?? [];

  async function issue(user: string, role: string) {
    const jti = b64url(crypto.getRandomValues(new Uint8Array(9)));
    const exp = node.now() + TTL;
    const payload = b64url(new TextEncoder().encode(JSON.stringify({ sub: user, role, exp, jti })));
    const sig = new Uint8Array(
      await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(payload)),
    );
    return { token: `${payload}.${b64url(sig)}`, user, role, exp, jti, ttl: TTL };
  }

  node.on('login', async (msg: AnyMessage) => {
    const account = ACCOUNTS[msg.from];
    if (!account) return node.reply(msg, { why: 'no such account' }, 'denied');
    if (node.storage.get(`locked:${account.user}`))
      return node.reply(msg, { why: 'account locked' }, 'denied');
    const issued = await issue(account.user, account.role);
    node.storage.set(`latest:${account.user}`, { jti: issued.jti, exp: issued.exp });
    node.reply(msg, issued);
  });

  // [2]
  node.on('key', (msg: AnyMessage) => node.reply(msg, { key: raw, now: node.now(), revoked: revoked() }));

  // [3]
  node.on('introspect', async (msg: AnyMessage) => {
    const [payload = '', sig = ''] = String(msg.body.token ?? '').split('.');
    let claims: { sub?: string; role?: string; exp?: number; jti?: string } = {};
    let good = false;
    try {
      good = await crypto.subtle.verify('HMAC', await key, unb64url(sig), new TextEncoder().encode(payload));
      claims = JSON.parse(new TextDecoder().decode(unb64url(payload)));
    } catch {
      good = false;
    }
    const active = good && (claims.exp ?? 0) > node.now() && !revoked().some((r) => r.jti === claims.jti);
    node.reply(msg, active ? { active, ...claims } : { active: false });
  });

  // [4]
  node.every(100, () => {
    if (node.now() < revokeAt! || node.storage.get('locked:eve')) return;
    const latest = node.storage.get<Revoked>('latest:eve');
    node.storage.set('locked:eve', true);
    if (latest) node.storage.set('revoked', [...revoked(), latest]);
    node.log(`eve's token ${latest?.jti ?? '(none)'} was stolen: revoked, and eve is locked out`);
  });
  const acked = new Set<string>();
  node.on('revoke_ok', (msg: AnyMessage) => acked.add(String(msg.body.jti)));
  node.every(250, () => {
    for (const r of revoked()) {
      if (!acked.has(r.jti) && r.exp > node.now()) node.send('gateway', 'revoke', { jti: r.jti, exp: r.exp });
    }
  });
}

/*
[1]
The signing key is drawn once (from the node's seeded stream: another seed, another key) and kept in
storage. A token is `payload.signature`: the payload is base64url JSON { sub, role, exp, jti }, `exp` in ms
of auth's clock, `jti` the token's own id; the signature is HMAC-SHA256 over the payload text.

[2]
The gateway asks for the key once, to verify tokens itself. The reply also says auth's clock (`now`) and
which tokens are revoked. A real system hands the key over through a secret store; here it is this reply.

[3]
Token introspection: "is this token good right now?" Correct, but it costs a round trip to auth per
request, and says nothing while auth is down.

[4]
Revocation: auth pushes `revoke { jti, exp }` to the gateway every 250 ms until the gateway answers
`revoke_ok` with the jti (or the token expires anyway).
*/
