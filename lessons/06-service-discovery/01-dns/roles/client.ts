import type { AnyMessage, Node } from '@playground/node';

// [1]
class Resolver {
  private addresses: string[] = [];

  constructor(private readonly node: Node) {}

  async resolve(name: string): Promise<string[]> {
    if (this.addresses.length > 0) return this.addresses; // [2]
    const answer = await this.node.rpc('dns', 'resolve', { name }, { timeout: 100 });
    this.addresses = answer.body.addresses;
    return this.addresses;
  }
}

export default function client(node: Node) {
  const resolver = new Resolver(node);
  let failedSends = 0;

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    const addresses = await resolver.resolve('api');
    const instance = addresses[msg.body.id % addresses.length]!;
    try {
      const answer = await node.rpc(instance, 'work', msg.body, { timeout: 150 });
      node.reply(msg, answer.body);
    } catch {
      failedSends += 1;
      node.metric('failed_sends', failedSends);
      node.warn(`${instance} did not answer request ${msg.body.id}`);
    }
  });
}

/*
[1]
The client's resolver: it turns the service's name, `api`, into the names of its instances, by asking the
`dns` node. The answer is `{ name, addresses, ttl }`: the instances, and for how many ms you may reuse it.

[2]
The bug: it looks the name up once and keeps the answer for ever, as a hosts file would. The first rolling
update stops an instance this list still names, and from then on a third of the requests go nowhere.

Your exercise:
- Keep an answer for its `ttl` ms, measured on `node.monotonic()` from just before you asked; then ask
  again. Not `node.now()`: a clock correction can set the wall clock back and stretch your cache.
- A lookup can be lost: retry it (a short timeout, several tries), one lookup at a time, and refresh an
  answer before it runs out.
- Do not look the name up for every request: the budget allows a few lookups per hundred requests.

[3]
One request from the user: pick an instance (round robin by id), send it the work, pass its answer back.
When the instance does not answer (stopped, or hung), the request is lost here. Better: look the name up
again, pass over that instance for a moment (DNS keeps listing a hung one), and retry on another instance.
*/
