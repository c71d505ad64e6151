import type { Node } from '@playground/node';

/** One replica of the store: each key's value and version, on disk (a crash loses nothing written). */
export default function replica(node: Node) {
  // [1]
  node.on('write', (msg) => {
    const { key, value, version } = msg.body as { key: string; value: string; version: number };
    const current = node.storage.get<{ version: number }>(key);
    if (!current || current.version < version) node.storage.set(key, { value, version });
    node.reply(msg, { key, version });
  });

  // [2]
  node.on('read', async (msg) => {
    await node.sleep(60 + Math.floor(node.random() * 41));
    const key = String(msg.body.key);
    const current = node.storage.get<{ value: string; version: number }>(key);
    node.reply(msg, { key, value: current?.value ?? null, version: current?.version ?? 0 });
  });
}

/*
[1]
The writer sends each write to both replicas until each acknowledges it; a newer version replaces an older.

[2]
A read is expensive (60-100 ms): that is why the cache is there. The answer names the key, its value and its
version.
*/
