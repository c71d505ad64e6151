import type { AnyMessage, Node } from '@playground/node';

/** A client: refreshes its list of instances from the registry every 500 ms; keeps the last good one. */
export default function client(node: Node) {
  // [1]
  let instances: string[] = [];
  let failedSends = 0;

  async function refresh() {
    try {
      const answer = await node.rpc('registry', 'lookup', {}, { timeout: 100 });
      const list = (answer.body.instances ?? []) as string[];
      if (list.length > 0) instances = list;
      node.state.instances = [...instances];
    } catch {
      // [2]
    }
  }
  void refresh();
  node.every(500, refresh);

  // [3]
  node.on('request', async (msg: AnyMessage) => {
    if (instances.length === 0) await refresh(); // at boot, before the first good list
    const tried = new Set<string>();
    for (let attempt = 0; attempt < 3; attempt++) {
      const left = instances.filter((i) => !tried.has(i));
      if (left.length === 0) return;
      const instance = left[(msg.body.id + attempt) % left.length]!;
      tried.add(instance);
      try {
        const answer = await node.rpc(instance, 'work', msg.body, { timeout: 150 });
        node.reply(msg, answer.body);
        return;
      } catch {
        failedSends += 1;
        node.metric('failed_sends', failedSends);
      }
    }
  });
}

/*
[1]
Client-side discovery: the client holds the list of instances itself and picks one per request (no load
balancer in between). It asks the registry for a fresh list every 500 ms.

[2]
The registry did not answer (it is cut off, or slow): keep the last good list. It may be a little out of
date, but it is far better than no list at all: the instances themselves still work.

[3]
Round robin by request id; on a timeout, retry on another instance of the list.
*/
