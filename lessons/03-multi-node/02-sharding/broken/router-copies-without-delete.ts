/** Bug: moves a key by copying it to its new shard but never deletes the old copy. */
import type { Node } from '@playground/node';

/** The router, with consistent hashing: a ring of virtual nodes, so a new shard takes only its share of keys. */
export default function router(node: Node) {
  let shards = node.peers('shard');
  const retired = new Set<string>();
  let moved = 0;
  node.state.shards = shards;
  node.state.keysMoved = 0;

  const POINTS_PER_SHARD = 200;
  let ring: { point: number; shard: string }[] = [];
  let ringOf = '';

  function buildRing(shards: string[]) {
    ring = [];
    for (const shard of shards) {
      for (let i = 0; i < POINTS_PER_SHARD; i++) ring.push({ point: hash(`${shard}#${i}`), shard });
    }
    ring.sort((a, b) => a.point - b.point || (a.shard < b.shard ? -1 : 1));
    ringOf = shards.join();
  }

  function shardFor(key: string, shards: string[]): string {
    if (ringOf !== shards.join()) buildRing(shards);
    const h = hash(key);
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ring[mid] as { point: number }).point < h) lo = mid + 1;
      else hi = mid;
    }
    return (ring[lo % ring.length] as { shard: string }).shard;
  }

  let queue: Promise<void> = Promise.resolve();
  function serially(task: () => Promise<void>) {
    queue = queue.then(task).catch((error) => node.warn(String(error)));
  }

  node.on('put', (msg) =>
    serially(async () => {
      await followShardChanges();
      const shard = shardFor(msg.body.key, shards);
      await node.rpc(shard, 'put', { key: msg.body.key, value: msg.body.value }, { timeout: 3000 });
      node.reply(msg, { shard });
    }),
  );

  node.on('get', (msg) =>
    serially(async () => {
      await followShardChanges();
      const shard = shardFor(msg.body.key, shards);
      const reply = await node.rpc(shard, 'get', { key: msg.body.key }, { timeout: 3000 });
      node.reply(msg, { value: reply.body.value, shard });
    }),
  );

  async function followShardChanges() {
    const current = node.peers('shard').filter((s) => !retired.has(s));
    if (current.join() !== shards.join()) await rebalance(current);
  }

  node.on('retire', (msg) =>
    serially(async () => {
      retired.add(msg.body.shard);
      await rebalance(shards.filter((s) => s !== msg.body.shard));
      node.reply(msg, {});
    }),
  );

  async function rebalance(next: string[]) {
    const before = shards;
    shards = next;
    node.state.shards = shards;
    let movedNow = 0;
    for (const from of before) {
      const dump = await node.rpc(from, 'dump', {}, { timeout: 3000 });
      const entries = Object.entries(dump.body.data as Record<string, string>);
      await Promise.all(
        entries.map(async ([key, value]) => {
          const to = shardFor(key, shards);
          if (to === from) return;
          await node.rpc(to, 'put', { key, value }, { timeout: 3000 });
          movedNow += 1;
        }),
      );
    }
    moved += movedNow;
    node.state.keysMoved = moved;
    node.metric('keys_moved', moved);
    node.log(`shards ${before.length} -> ${shards.length}: moved ${movedNow} keys`);
  }
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
