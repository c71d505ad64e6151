import type { Node } from '@playground/node';

const EVERY_MS = 200;
const STOP_AT_MS = 11_000;
const TOKEN = 'tok-client-7f3a';

export default function client(node: Node) {
  let n = 0;
  node.state.ok = 0;
  node.state.failed = 0;

  // [1]
  const looking = node.every(EVERY_MS, async () => {
    if (node.now() >= STOP_AT_MS) {
      looking.cancel();
      return;
    }
    n += 1;
    const key = `user:${n % 10}`;
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
The client only knows the pod's front door, `sidecar`. It looks up one of ten users every 200 ms, and
every request carries its token, `tok-client-7f3a`.
*/
