import type { AnyMessage, Node } from '@playground/node';

interface Claims {
  sub: string;
  role: string;
  exp: number;
  jti: string;
}

const fromB64url = (text: string) =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/**
 * The gateway verifies tokens itself: auth's key once, HMAC per request, expiry on auth's clock carried on
 * the gateway's monotonic clock, revocations auth pushes, then who may do what.
 */
export default function gateway(node: Node) {
  let key: CryptoKey | undefined;
  let keyed = () => {};
  const ready = new Promise<void>((resolve) => (keyed = resolve));
  let authClock = { now: 0, asked: 0 };
  const revoked = new Set<string>();

  // [1]
  async function fetchKey() {
    const asked = node.monotonic();
    try {
      const reply = await node.rpc('auth', 'key', {}, { timeout: 100 });
      key = await crypto.subtle.importKey(
        'raw',
        fromB64url(String(reply.body.key)),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      authClock = { now: Number(reply.body.now), asked };
      for (const r of reply.body.revoked as { jti: string }[]) revoked.add(r.jti);
      keyed();
    } catch {
      node.setTimer(50, fetchKey);
    }
  }
  void fetchKey();
  // [2]
  const authNow = () => authClock.now + (node.monotonic() - authClock.asked);

  node.on('revoke', (msg: AnyMessage) => {
    revoked.add(String(msg.body.jti));
    node.reply(msg, { jti: msg.body.jti });
  });

  // [3]
  async function verify(token: string): Promise<Claims | string> {
    // A request that comes before the key (lost once, and asked again) waits for it a little.
    if (!key) await Promise.race([ready, node.sleep(350)]);
    if (!key) return 'not ready';
    const [payload = '', sig = ''] = token.split('.');
    let claims: Claims;
    try {
      const good = await crypto.subtle.verify(
        'HMAC',
        key,
        fromB64url(sig),
        new TextEncoder().encode(payload),
      );
      if (!good) return 'bad signature';
      claims = JSON.parse(new TextDecoder().decode(fromB64url(payload))) as Claims;
    } catch {
      return 'unreadable token';
    }
    if (authNow() >= claims.exp) return 'expired';
    if (revoked.has(claims.jti)) return 'revoked';
    return claims;
  }

  async function pass(msg: AnyMessage, type: 'fetch' | 'remove') {
    const token = String(msg.body.token ?? '');
    const record = String(msg.body.record ?? '');
    const claims = await verify(token);
    if (typeof claims === 'string') return node.reply(msg, { why: claims }, 'denied');
    // [4]
    const owner = record.split('/')[0];
    if (claims.role !== 'admin' && (owner !== claims.sub || type === 'remove'))
      return node.reply(msg, { why: `${claims.sub} may not ${type} ${record}` }, 'denied');
    try {
      const answer = await node.rpc('records', type, { record, token }, { timeout: 300 });
      node.reply(msg, answer.body);
    } catch {
      node.reply(msg, { why: 'records did not answer' }, 'denied');
    }
  }
  node.on('read', (msg: AnyMessage) => pass(msg, 'fetch'));
  node.on('delete', (msg: AnyMessage) => pass(msg, 'remove'));
}

/*
[1]
One round trip to auth, at boot (again 50 ms after each try that got no answer within 100 ms, until one does; a request that comes first waits for it up to 350 ms): the key, auth's clock, the revoked
tokens so far. After that the gateway needs auth for nothing: it keeps working while auth is down.

[2]
Auth's clock now, at the latest: auth read its clock after we asked, so it cannot be further along than
what it said plus the time since we asked, measured on our monotonic clock, which skew never moves. The
gateway's wall clock (`node.now()`) is set back by seconds on some seeds: it must not decide expiry.

[3]
The signature first (over the payload text exactly as it came), then the claims it vouches for.

[4]
Who may do what comes from the verified claims only, never from the request's other fields.
*/
