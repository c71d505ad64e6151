import type { Node } from '@playground/node';

const EVERY_MS = 200;
const STOP_AT_MS = 11_000;
const TOKEN = 'tok-client-7f3a';

export default function client(node: Node) {
  node.state.ok = 0;
  node.state.failed = 0;

  // [1]
  const looking = node.every(EVERY_MS, async () => {
    if (node.monotonic() >= STOP_AT_MS) {
      looking.cancel();
      return;
    }
    const key = `user:${Math.floor(node.random() * 1000)}`;
    try {
      const answer = await node.rpc('sidecar', 'lookup', { key, token: TOKEN }, { timeout: 1500 });
      const ok = answer.type === 'lookup_ok';
      node.state[ok ? 'ok' : 'failed'] = Number(node.state[ok ? 'ok' : 'failed']) + 1;
    } catch {
      node.state.failed = Number(node.state.failed) + 1;
    }
  });
}

/*
[1]
The client only knows the pod's front door, `sidecar`. It looks up a user every 200 ms (drawn from
`user:0` to `user:999`), and every request carries its token, `tok-client-7f3a`.
*/
