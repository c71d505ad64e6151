import type { Node } from '@playground/node';

/** The router, with consistent hashing: a ring of virtual nodes, so a new shard takes only its share of keys. */
export default function router(node: Node) {
  let shards = node.peers('shard'); // [1]
  const retired = new Set<string>();
  let moved = 0;
  node.state.shards = shards;
  node.state.keysMoved = 0;

  // [2]
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

  // [3]
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

  // [4]
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

  // [5]
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
          await node.rpc(from, 'delete', { key }, { timeout: 3000 });
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

// [6]
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

/*
[1]
The shards the router knows, sorted by id. `node.peers('shard')` always returns the current list.

[2]
The ring. Each shard is hashed onto a circle of 2^32 positions, not once but 200 times (`shard-1#0`,
`shard-1#1`, …): these are its virtual nodes. With a single point per shard, the arcs between points are
very uneven and one shard may own half the keys; with two hundred, each shard owns many small arcs that add
up to close to 1/N of the circle. The ring is rebuilt whenever the shard list changes.

[3]
A key belongs to the first point at or after its own hash, going clockwise (wrapping around to the first
point). Binary search over the sorted points. Adding a shard adds its points; each of them takes over only
the arc just before it, from whichever shard owned it. Keys elsewhere on the ring stay where they are: about
1/N of the keys move, all of them to the new shard.

[4]
One request at a time, as in the starter, so rebalancing never races with reads and writes.

[5]
Rebalancing is unchanged: it moves exactly the keys whose owner changed. With the ring, that is about a
quarter of them instead of three quarters: the new shard's share when one joins, and only the retired
shard's keys when one leaves (its points vanish; each arc falls to the next shard clockwise).

[6]
FNV-1a with a final mix, as in the starter.
*/
