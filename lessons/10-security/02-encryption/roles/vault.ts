import type { AnyMessage, Json, Node } from '@playground/node';

type Envelope = { kid: string; iv: string; ct: string };

/** The vault: keeps each secret by name in node.storage, and gives it back. */
export default function vault(node: Node) {
  // [1]
  const seal = (payload: Json): Envelope => ({ kid: 'none', iv: '', ct: JSON.stringify(payload) });
  const open = (env: Envelope): Record<string, Json> | undefined => {
    try {
      return JSON.parse(env.ct) as Record<string, Json>;
    } catch {
      return undefined;
    }
  };

  async function handle(msg: AnyMessage) {
    const request = open(msg.body as Envelope);
    if (!request) return node.reply(msg, { why: 'unreadable' }, 'rejected');
    const name = String(request.name);
    // [2]
    if (request.op === 'put') {
      node.storage.set(`v:${name}`, request.secret ?? null);
      return node.reply(msg, seal({ ok: true }));
    }
    node.reply(msg, seal({ secret: node.storage.get(`v:${name}`) ?? null }));
  }
  node.on('put', handle);
  node.on('get', handle);
  node.on('rotate', (msg: AnyMessage) => node.reply(msg, { kid: msg.body.kid }));
  // [3]
  node.on('retire', (msg: AnyMessage) => node.reply(msg, { kid: msg.body.kid }));
}

/*
[1]
The same envelope as the app's: seal answers, open requests. Refuse a request by answering
`node.reply(msg, { why }, 'rejected')`.

[2]
node.storage survives a crash (the nemesis crashes the vault), and is what a stolen disk shows.

[3]
kms retires the old transit key 2 s after a rotation: from then on, refuse anything sealed with it.
*/
