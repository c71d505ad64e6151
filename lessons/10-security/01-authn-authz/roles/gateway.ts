import type { AnyMessage, Node } from '@playground/node';

interface Claims {
  sub: string;
  role: string;
  exp: number;
  jti: string;
}

/** The token's payload, read as it is: `payload.signature`, the payload base64url JSON. */
function readClaims(token: string): Claims | undefined {
  try {
    const payload = token.split('.')[0] ?? '';
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
  } catch {
    return undefined;
  }
}

/**
 * The gateway in front of the records. It reads who the caller is from the token and lets a user at their
 * own records (an admin at everyone's), then passes the request on with its token.
 */
export default function gateway(node: Node) {
  // [1]
  async function pass(msg: AnyMessage, type: 'fetch' | 'remove') {
    const token = String(msg.body.token ?? '');
    const record = String(msg.body.record ?? '');
    const claims = readClaims(token);
    if (!claims) return node.reply(msg, { why: 'no token' }, 'denied');
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
`readClaims` believes whatever the payload says: anyone can write a payload. Nothing checks the signature,
the expiry or revocation. The request passed on to `records` carries the token it was let in with: keep
that (`{ record, token }`), the checks follow it.
*/
