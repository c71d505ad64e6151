import type { Node } from '@playground/node';

const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
const REPLICAS = ['replica-1', 'replica-2'];

/** Writes every key once at the start, then a new value of one key every 300-700 ms, to both replicas. */
export default function writer(node: Node) {
  let version = 0;
  // [1]
  const write = (key: string) => {
    version += 1;
    const body = { key, value: Math.floor(node.random() * 1e9).toString(36), version };
    node.log(`write ${key} = ${body.value} (version ${version})`);
    for (const replica of REPLICAS) {
      const attempt = async () => {
        try {
          await node.rpc(replica, 'write', body, { timeout: 150 });
        } catch {
          node.setTimer(50, attempt);
        }
      };
      void attempt();
    }
  };
  for (const key of KEYS) write(key);
  const next = () => {
    if (node.monotonic() > 10_000) return;
    write(KEYS[Math.floor(node.random() * KEYS.length)] ?? 'k0');
    node.setTimer(300 + Math.floor(node.random() * 400), next);
  };
  node.setTimer(500, next);
}

/*
[1]
Each write goes to both replicas and is retried until acknowledged, so a replica that was down catches up
within a few tries of coming back. The writer never tells the cache: only a TTL bounds how stale it gets.
*/
