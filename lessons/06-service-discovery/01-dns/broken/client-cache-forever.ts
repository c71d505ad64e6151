/** Bug: keeps the first answer for ever (like a hosts file); retries another instance of it when one fails. */
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
    if (this.addresses.length > 0) return this.addresses;
    return this.lookup(name);
  }

  /** Look the name up again now (an instance the answer named did not answer); the answer holds meanwhile. */
  refresh(name: string) {
    void name; // the first answer is good enough
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
