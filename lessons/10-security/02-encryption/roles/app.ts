import type { AnyMessage, Json, Node } from '@playground/node';

type Envelope = { kid: string; iv: string; ct: string };

/**
 * The client's sidecar: carries its puts and gets to the vault, across the router. Every request and answer
 * is an envelope `{ kid, iv, ct }`: for now `ct` is the payload's JSON as it is, and `kid`, `iv` say nothing.
 */
export default function app(node: Node) {
  // [1]
  const seal = (payload: Json): Envelope => ({ kid: 'none', iv: '', ct: JSON.stringify(payload) });
  const open = (env: Envelope): Record<string, Json> | undefined => {
    try {
      return JSON.parse(env.ct) as Record<string, Json>;
    } catch {
      return undefined;
    }
  };

  // [2]
  async function call(type: 'put' | 'get', payload: Record<string, Json>) {
    const started = node.monotonic();
    // Up to 2.5 s in all: the client waits 3 s.
    while (node.monotonic() - started < 2500) {
      try {
        const reply = await node.rpc('router', type, seal(payload), { timeout: 400 });
        if (reply.type === 'rejected') continue;
        const answer = open(reply.body as Envelope);
        if (answer) return answer;
      } catch {
        // lost, or the vault is down: try again
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
  node.on('rotate', (msg: AnyMessage) => node.reply(msg, { kid: msg.body.kid }));
}

/*
[1]
`seal` and `open` are where encryption goes. Keys come from `kms`: `node.rpc('kms', 'key', { kid })`
answers `{ kid, key }`, the key's 16 bytes in base64. `kms` sends `rotate { kid }` when the transit key
changes (answer it, as here, so it stops telling you).

[2]
A request that gets no answer, or `rejected`, is sent again, for up to 2.5 s (the client waits 3 s). Answer the client `put_ok` /
`get_ok`, or `failed`.
*/
