import type { AnyMessage, Node } from '@playground/node';

const LOOKUP_TIMEOUT_MS = 50;
const LOOKUP_TRIES = 12;
const WORK_TIMEOUT_MS = 150;
const TRIES = 3;
/** How long an instance that did not answer is passed over (a hung one stays in DNS). */
const AVOID_MS = 500;

// [1]
class Resolver {
  private addresses: string[] = [];
  private expires = -1;
  private ttl = 0;
  private pending: Promise<string[]> | null = null;
  lookups = 0;

  constructor(private readonly node: Node) {}

  async resolve(name: string): Promise<string[]> {
    const left = this.expires - this.node.monotonic();
    if (left <= 0) return this.lookup(name);
    if (left < this.ttl / 2) void this.lookup(name); // refresh ahead, while the answer still holds
    return this.addresses;
  }

  /** Look the name up again now (an instance the answer named did not answer); the answer holds meanwhile. */
  refresh(name: string) {
    void this.lookup(name);
  }

  // [2]
  lookup(name: string): Promise<string[]> {
    this.pending ??= this.ask(name).finally(() => (this.pending = null));
    return this.pending;
  }

  private async ask(name: string): Promise<string[]> {
    for (let attempt = 0; attempt < LOOKUP_TRIES; attempt++) {
      const asked = this.node.monotonic();
      this.lookups += 1;
      try {
        const answer = await this.node.rpc('dns', 'resolve', { name }, { timeout: LOOKUP_TIMEOUT_MS });
        this.addresses = answer.body.addresses;
        this.ttl = answer.body.ttl;
        this.expires = asked + this.ttl;
        return this.addresses;
      } catch {
        // lost on the way there or back: ask again
      }
    }
    // No answer at all: the old one is still good until it expires, and not a moment longer.
    return this.node.monotonic() < this.expires ? this.addresses : [];
  }
}

export default function client(node: Node) {
  const resolver = new Resolver(node);
  const avoid = new Map<string, number>();
  let failedSends = 0;

  const usable = (a: string) => (avoid.get(a) ?? -1) <= node.monotonic();

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    const tried = new Set<string>();
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const fresh = (await resolver.resolve('api')).filter((a) => !tried.has(a));
      const addresses = fresh.some(usable) ? fresh.filter(usable) : fresh;
      if (addresses.length === 0) break;
      const instance = addresses[(msg.body.id + attempt) % addresses.length]!;
      tried.add(instance);
      try {
        const answer = await node.rpc(instance, 'work', msg.body, { timeout: WORK_TIMEOUT_MS });
        node.reply(msg, answer.body);
        return;
      } catch {
        failedSends += 1;
        avoid.set(instance, node.monotonic() + AVOID_MS);
        node.metric('failed_sends', failedSends);
        node.warn(`${instance} did not answer request ${msg.body.id}: looking api up again`);
        resolver.refresh('api'); // [4]
      }
    }
    node.state.lookups = resolver.lookups;
  });
}

/*
[1]
A resolver cache that honours the TTL: an answer is good for `ttl` ms from the moment we *asked* (the DNS
answered after that), on this node's monotonic clock. The wall clock (`node.now()`) can be set back by a
clock correction, which would keep an answer far past its TTL.

[2]
One lookup at a time: the requests that arrive while it is on its way wait for the same answer instead of
each asking the DNS. A lost lookup is retried after 50 ms (the DNS answers in about 10), up to 12 times. An answer past half its TTL is
refreshed ahead, so a lossy link to the DNS rarely leaves the cache empty.

[3]
Round robin by request id over the instances of the freshest answer, skipping those that failed this
request already, and for half a second those that failed any request (DNS keeps listing an instance that
hangs; unless every instance failed lately).

[4]
A send that fails means the answer may be stale: an instance it names was stopped (or hangs). Look the name
up again at once: the DNS may list other instances by now, so the stale window shrinks from a whole TTL to
one timeout. Meanwhile retry on an instance this request has not tried.
*/
