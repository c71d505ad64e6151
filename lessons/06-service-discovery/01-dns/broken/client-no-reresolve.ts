/** Bug: honours the TTL but trusts its cache when a send fails: retries another instance, never looks again nor passes over the one that failed, so the stale window lasts a whole TTL. */
import type { AnyMessage, Node } from '@playground/node';

const LOOKUP_TIMEOUT_MS = 50;
const LOOKUP_TRIES = 12;
const WORK_TIMEOUT_MS = 150;
const TRIES = 3;

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
    return this.addresses;
  }

  /** Look the name up again now (an instance the answer named did not answer); the answer holds meanwhile. */
  refresh(name: string) {
    void name; // the cached answer is still within its TTL
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
  let failedSends = 0;

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    const tried = new Set<string>();
    for (let attempt = 0; attempt < TRIES; attempt++) {
      const fresh = (await resolver.resolve('api')).filter((a) => !tried.has(a));
      const addresses = fresh;
      if (addresses.length === 0) break;
      const instance = addresses[(msg.body.id + attempt) % addresses.length]!;
      tried.add(instance);
      try {
        const answer = await node.rpc(instance, 'work', msg.body, { timeout: WORK_TIMEOUT_MS });
        node.reply(msg, answer.body);
        return;
      } catch {
        failedSends += 1;
        node.metric('failed_sends', failedSends);
        node.warn(`${instance} did not answer request ${msg.body.id}: looking api up again`);
        resolver.refresh('api'); // [4]
      }
    }
    node.state.lookups = resolver.lookups;
  });
}
