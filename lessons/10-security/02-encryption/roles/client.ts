import type { Node } from '@playground/node';

const NAMES = ['db-password', 'api-token', 'card', 'ssh-key', 'smtp'];

/**
 * The service that keeps its secrets in the vault, through its local sidecar `app`: one operation at a
 * time, every 30 ms, until 11 s; a put of a fresh secret (drawn per seed) or a get.
 */
export default function client(node: Node) {
  // [1]
  const secret = () =>
    `sk_${Math.floor(node.random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')}${Math.floor(node.random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')}`;
  let ok = 0;
  let failed = 0;
  async function loop() {
    while (node.monotonic() < 11_000) {
      const name = NAMES[Math.floor(node.random() * NAMES.length)]!;
      const put = node.random() < 0.4;
      try {
        const reply = put
          ? await node.rpc('app', 'put', { name, secret: secret() }, { timeout: 3000 })
          : await node.rpc('app', 'get', { name }, { timeout: 3000 });
        if (reply.type === 'failed') failed += 1;
        else ok += 1;
      } catch {
        failed += 1;
      }
      node.state.ok = ok;
      node.state.failed = failed;
      await node.sleep(30);
    }
  }
  void loop();
}

/*
[1]
The secrets look like API keys: `sk_` and 16 random characters. The client and its `app` sidecar share a
machine (the link between them is localhost); everything between `app` and `vault` crosses `router`, which
an attacker controls.
*/
