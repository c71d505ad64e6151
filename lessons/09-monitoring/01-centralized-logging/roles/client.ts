import type { Node } from '@playground/node';

const USERS = ['ada', 'bo', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jo'];
const ITEMS = ['book', 'lamp', 'mug', 'pen', 'sock', 'tea', 'vase', 'yarn'];

/** Shoppers: a cart request every 20 ms to a service drawn per request, until 9 s; nobody retries. */
export default function client(node: Node) {
  // [1]
  let id = 1000 * (1 + Math.floor(node.random() * 9));
  const users = USERS.filter(() => node.random() < 0.6);
  if (users.length === 0) users.push(USERS[0]!);

  const ticker = node.every(20, () => {
    if (node.monotonic() > 9000) return ticker.cancel();
    id += 1;
    const services = node.peers('service');
    const to = services[Math.floor(node.random() * services.length)]!;
    const user = users[Math.floor(node.random() * users.length)]!;
    const items = Array.from({ length: 1 + Math.floor(node.random() * 3) }, () => {
      return ITEMS[Math.floor(node.random() * ITEMS.length)]!;
    });
    // [2]
    node.rpc(to, 'cart', { id, user, items }, { timeout: 500 }).catch(() => {
      node.warn(`cart ${id} got no answer from ${to}`);
    });
  });
}

/*
[1]
Request ids start at a number drawn per seed, and the users come from the seed too: another seed, other
log lines.

[2]
Each request goes to one service. The service logs one line per item it adds to the cart, and answers. A
service that has crashed answers nothing: that request logs nothing, and nobody expects its lines.
*/
