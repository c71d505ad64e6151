import type { Node } from '@playground/node';

const KEYS = 80;
const NAMES = ['user', 'cart', 'order', 'photo', 'song', 'page', 'team', 'ticket'];

/** The client: writes 80 keys drawn per seed, then sweeps over them, reading or overwriting each, until 17.5 s. */
export default async function client(node: Node) {
  // [1]
  const keys: string[] = [];
  while (keys.length < KEYS) {
    const name = NAMES[Math.floor(node.random() * NAMES.length)] as string;
    const key = `${name}-${Math.floor(node.random() * 100_000)}`;
    if (!keys.includes(key)) keys.push(key);
  }
  const written: Record<string, string> = {}; // [2]
  let writes = 0;
  let reads = 0;
  let wrongReads = 0;
  node.state.reads = 0;
  node.state.wrongReads = 0;

  async function put(key: string) {
    writes += 1;
    const value = `w${writes}`;
    await node.rpc('router', 'put', { key, value }, { timeout: 2000 });
    written[key] = value;
  }

  async function get(key: string) {
    const reply = await node.rpc('router', 'get', { key }, { timeout: 2000 });
    reads += 1;
    node.state.reads = reads;
    if (reply.body.value !== written[key]) {
      wrongReads += 1;
      node.state.wrongReads = wrongReads;
      node.metric('wrong_reads', wrongReads);
      node.warn(`read ${key} = ${reply.body.value} from ${reply.body.shard}, but last wrote ${written[key]}`);
    }
  }

  async function attempt(key: string, op: (key: string) => Promise<void>) {
    try {
      await op(key);
    } catch {
      node.warn(`no answer for ${key} within 2000 ms`);
    }
  }

  await node.sleep(100);
  // [3]
  for (const key of keys) await attempt(key, put);
  node.log(`wrote all ${KEYS} keys`);

  // [4]
  while (node.now() < 17_500) {
    const order = [...keys];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(node.random() * (i + 1));
      [order[i], order[j]] = [order[j] as string, order[i] as string];
    }
    for (const key of order) {
      if (node.now() >= 17_500) break;
      await attempt(key, node.random() < 0.7 ? get : put);
      await node.sleep(5);
    }
  }
}

/*
[1]
The keys are drawn from the seed: another seed, another 80 names (`cart-4821`, `user-77310`, …), so a sharding
function tuned to one set of keys does not pass.

[2]
The client remembers the last value it wrote to each key, so it can tell a wrong read at once (and log it).

[3]
Phase one: write every key once, one at a time. Done in under 2 s, long before the first reshard.

[4]
Then sweeps: every key once per sweep, in a shuffled order, 70% reads and 30% overwrites, one request at a
time, through both reshards and up to 17.5 s. A sweep takes about 2 s, so the checkers see which shard
answered every key between reshards. One request at a time means "the last written value" is always well
defined.
*/
