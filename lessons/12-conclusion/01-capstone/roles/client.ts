import type { Node } from '@playground/node';

const KEYS = 12;
const NAMES = ['user', 'cart', 'order', 'photo', 'song', 'page', 'team', 'ticket'];
const STOP_AT_MS = 13_800;
const TIMEOUT_MS = 1500;

const hex = (node: Node, n: number) =>
  Array.from({ length: n }, () => Math.floor(node.random() * 16).toString(16)).join('');

/** A client: writes and reads its own 12 keys, one request at a time, each request the root of a trace. */
export default async function client(node: Node) {
  // [1]
  const parity = node.id.endsWith('2') ? 1 : 0;
  const keys: string[] = [];
  while (keys.length < KEYS) {
    const name = NAMES[Math.floor(node.random() * NAMES.length)]!;
    const key = `${name}-${Math.floor(node.random() * 50_000) * 2 + parity}`;
    if (!keys.includes(key)) keys.push(key);
  }
  const written: Record<string, string> = {}; // [2]
  let writes = 0;
  let ok = 0;
  let failed = 0;
  let stale = 0;

  // [3]
  async function call(type: 'get' | 'put', body: { key: string; value?: string }) {
    const trace = { traceId: hex(node, 16), spanId: hex(node, 8) };
    try {
      const answer = await node.rpc('gateway', type, body, { timeout: TIMEOUT_MS, trace });
      if (answer.body?.error !== undefined) throw new Error(String(answer.body.error));
      ok += 1;
      return answer;
    } catch (e) {
      failed += 1;
      node.warn(`${type} ${body.key} failed (trace ${trace.traceId}): ${(e as Error).message}`);
      return undefined;
    } finally {
      node.state.requests = `${ok} ok, ${failed} failed, ${stale} stale`;
    }
  }

  async function put(key: string) {
    writes += 1;
    const value = `w${writes}-${hex(node, 4)}`;
    if (await call('put', { key, value })) written[key] = value;
  }

  async function get(key: string) {
    const answer = await call('get', { key });
    if (answer && answer.body.value !== written[key]) {
      stale += 1;
      node.metric('stale_reads', stale);
      node.warn(`read ${key} = ${answer.body.value}, but my last write was ${written[key]}`);
    }
  }

  await node.sleep(50);
  for (const key of keys) await put(key);
  // [4]
  while (node.monotonic() < STOP_AT_MS) {
    const key = keys[Math.floor(node.random() * keys.length)]!;
    await (node.random() < 0.5 ? put(key) : get(key));
    await node.sleep(5 + Math.floor(node.random() * 10));
  }
}

/*
[1]
The keys are drawn per seed (`cart-48212`, `song-9031`, …), and the two clients never share one (one draws
even numbers, the other odd): every key has one writer, so "my last write" is always well defined.

[2]
What this client last wrote to each key, as the gateway acknowledged it. A read that returns anything else
is a stale read (it shows on the `stale_reads` chart, and as a warning in the **Console**).

[3]
Every request is the root of a new trace: a fresh `traceId` and the root span's `spanId`, carried in the
message's `trace` field. The gateway's calls for this request belong to this trace. A request that fails
logs its trace id: whoever looks into it must be able to find every call made for it.

[4]
Then, until 13.8 s: a random key, a write or a read (half and half), one at a time, 5-15 ms apart. A read
often follows a write of the same key within a few hundred ms: sooner than the replicas copy it.
*/
