import type { Json, Node } from '@playground/node';

interface Entry {
  value: string;
  version: number;
  /** The replica that took the write: breaks a tie between two writes given the same version. */
  origin: string;
}

/** Build 2 of the store, as the release installs it (see the canary step): bad on some seeds. */
interface Build {
  bad: boolean;
  /** From this time (the replica's clock) a bad build fails about half of its calls. */
  failsFrom: number;
}

/** How long a replica waits before copying a write to its twin (drawn per write). */
const LAG_MS: [number, number] = [100, 300];

/** A replica of one shard: serves reads and writes, and copies every write to its twin a little later. */
export default function replica(node: Node) {
  // [1]
  const n = Number(node.id.split('-').pop());
  const twin = `replica-${n % 2 === 1 ? n + 1 : n - 1}`;
  node.state.shard = Math.ceil(n / 2);

  // [2]
  const data: Record<string, Entry> = {};
  const outbox = new Map<string, Entry>();
  for (const name of node.storage.keys()) {
    const entry = node.storage.get(name) as unknown as Entry;
    if (name.startsWith('data:')) data[name.slice(5)] = entry;
    if (name.startsWith('out:')) outbox.set(name.slice(4), entry);
  }
  const owe = (key: string, entry: Entry) => {
    outbox.set(key, entry);
    node.storage.set(`out:${key}`, entry as unknown as Json);
  };

  const newer = (a: Entry, b: Entry | undefined) =>
    !b || a.version > b.version || (a.version === b.version && a.origin > b.origin);
  function apply(key: string, entry: Entry) {
    if (!newer(entry, data[key])) return;
    data[key] = entry;
    node.storage.set(`data:${key}`, entry as unknown as Json);
    node.state.keys = Object.keys(data).length;
  }

  // [6]
  let build2 = node.storage.get('build:2') as unknown as Build | undefined;
  node.on('install', (msg) => {
    build2 = msg.body as unknown as Build;
    node.storage.set('build:2', msg.body);
    node.reply(msg, {});
  });
  /** The build a call asks for (`build: 2` in its body), and whether that build fails it. */
  function served(msg: { body: Json }): { build?: 2; error?: string } {
    if ((msg.body as { build?: number }).build !== 2) return {};
    if (!build2) return { build: 2, error: 'build 2 is not installed here' };
    if (build2.bad && node.now() >= build2.failsFrom && node.random() < 0.5)
      return { build: 2, error: 'build 2: internal error' };
    return { build: 2 };
  }

  // [3]
  node.on('put', async (msg) => {
    const { key, value, after } = msg.body as { key: string; value: string; after?: number };
    await node.sleep(2 + Math.floor(node.random() * 4));
    const by = served(msg);
    if (by.error) return node.reply(msg, { key, ...by }, 'error');
    const version = (typeof after === 'number' ? after : (data[key]?.version ?? 0)) + 1;
    const entry = { value, version, origin: node.id };
    apply(key, entry);
    owe(key, data[key]!);
    const lag = LAG_MS[0] + Math.floor(node.random() * (LAG_MS[1] - LAG_MS[0]));
    node.setTimer(lag, ship);
    node.reply(msg, { key, version: data[key]!.version, ...by });
  });

  // [4]
  node.on('get', async (msg) => {
    const { key } = msg.body as { key: string };
    await node.sleep(2 + Math.floor(node.random() * 4));
    const by = served(msg);
    if (by.error) return node.reply(msg, { key, ...by }, 'error');
    const entry = data[key];
    node.reply(msg, { key, value: entry?.value ?? null, version: entry?.version ?? 0, ...by });
  });

  // [5]
  let shipping = false;
  async function ship() {
    if (shipping || outbox.size === 0) return;
    shipping = true;
    const batch = [...outbox];
    try {
      const entries = batch.map(([key, entry]) => ({ key, ...entry }));
      await node.rpc(twin, 'sync', { entries }, { timeout: 300 });
      for (const [key, entry] of batch) {
        if (outbox.get(key) !== entry) continue; // written again meanwhile: still owed
        outbox.delete(key);
        node.storage.delete(`out:${key}`);
      }
    } catch {
      node.setTimer(200, ship);
    } finally {
      shipping = false;
    }
  }
  node.on('sync', (msg) => {
    for (const { key, ...entry } of msg.body.entries as (Entry & { key: string })[]) apply(key, entry);
    node.reply(msg, {});
  });
  if (outbox.size > 0) node.setTimer(50, ship);
}

/*
[1]
Two shards, two replicas each: `replica-1` and `replica-2` hold shard 1, `replica-3` and `replica-4` shard 2.
Each knows its twin, the other replica of its shard. Either of them takes reads and writes.

[2]
The data (`data:<key>`) and the writes not yet copied to the twin (`out:<key>`, the newest per key) live in
`node.storage`, one entry per key: a crashed replica restarts with them, and goes on copying where it
stopped.

[3]
A write gets version `after + 1` when the caller passes `after` (the version of the last write it made of
that key), else one above the version this replica has. The reply says which version the write got.
Without `after`, two writes of one key that land on the two twins may get the same version (the second
twin had not heard of the first write yet), and the tie is broken by the replica's name, not by which came
last: the later write can lose.

[4]
A read answers what this replica has now, with its version. It may be behind its twin: a write taken by the
twin reaches it 100 to 300 ms later (longer if the twin is paused or crashed).

[5]
Copying to the twin: the writes waiting in the outbox, in one `sync` message, retried until the twin
answers (a key written again meanwhile stays owed). The twin keeps an entry only if it is newer than what it has (higher version, or the same version
from the replica with the greater name).

[6]
Build 2 (the canary step): the release installs it on every replica early in the run, next to build 1,
and keeps it in `node.storage`. A call with `build: 2` in its body is served by build 2, and its reply says
`build: 2`; any other call by build 1. A bad build 2 works at first, then fails about half of its calls with
an `error` reply (the write is not made). Without a release, no call asks for build 2.
*/
