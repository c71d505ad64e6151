import type { Node } from '@playground/node';

const KEYS = 80;

/** The client: writes every key once, then reads and overwrites keys at random until 9500 ms. */
export default async function client(node: Node) {
  const written: Record<string, string> = {}; // [1]
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

  await node.sleep(100);
  // [2]
  for (let i = 0; i < KEYS; i++) await put(`key-${i}`);
  node.log(`wrote all ${KEYS} keys`);

  // [3]
  while (node.now() < 9500) {
    const key = `key-${Math.floor(node.random() * KEYS)}`;
    try {
      if (node.random() < 0.7) await get(key);
      else await put(key);
    } catch {
      node.warn(`no answer for ${key} within 2000 ms`);
    }
    await node.sleep(80);
  }
}

/*
[1]
The client remembers the last value it wrote to each key, so it can tell a wrong read at once (and log it).

[2]
Phase one: write `key-0` … `key-79`, one at a time. Done in about 2 s, long before the fourth shard arrives.

[3]
Phase two: one request at a time, 70% reads and 30% overwrites of random keys, through the shard change at
5000 ms and up to 9500 ms. One request at a time means "the last written value" is always well defined.
*/
