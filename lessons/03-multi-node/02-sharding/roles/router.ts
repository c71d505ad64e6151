import type { Node } from '@playground/node';

/** The router: one front door for a store whose keys are spread over several shards. */
export default function router(node: Node) {
  let shards = node.peers('shard'); // [1]
  const retired = new Set<string>();
  let moved = 0;
  node.state.shards = shards;
  node.state.keysMoved = 0;

  // [2]
  function shardFor(key: string, shards: string[]): string {
    return shards[hash(key) % shards.length] as string;
  }

  // [3]
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

  // [4]
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

// [5]
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
The shards the router knows, sorted by id: `shard-1`, `shard-2`, `shard-3` at first. `node.peers('shard')`
always returns the current list, so a shard added later shows up in it.

[2]
The sharding function: which shard owns a key. This one is "hash modulo N", the obvious choice. It spreads
keys evenly, and it is the part of this file you will replace: when N changes from 3 to 4, `hash % 3` and
`hash % 4` disagree for about three keys out of four, so nearly every key has to move.

[3]
The router handles one request at a time, in arrival order (a promise chain). That keeps the lesson about
hashing: while keys are being moved, no read or write can slip in between and see half-moved data.

[4]
Rebalancing. Before each request, compare the shard list with the one the keys were placed by. If a shard
joined, or when the operator asks to `retire` one (the retired shard is left out from then on), ask each old
shard for its keys (`dump`) and move every key whose owner changed: copy it to the new owner, then delete it
from the old one. Correct whatever `shardFor` does, but its cost is the number of keys moved: watch
`keysMoved` in the inspector and the `keys_moved` chart. The 3000 ms rpc timeouts outlast a shard that is
paused for a moment: the router waits for it rather than give up halfway through a move.

[5]
FNV-1a, 32 bits, followed by a final mix (from MurmurHash3) so that similar strings such as `shard-1#7` and
`shard-1#8` land far apart. Deterministic: the same text gives the same number on every node and every run.
Use it for keys and for points on a ring alike.
*/
