import type { AnyMessage, Node } from '@playground/node';

/** How long the old transit key stays good after the rotation. */
const GRACE_MS = 2000;
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/**
 * The key management service: AES keys by key id (`kid`). Transit keys `t1`, then `t2` from a rotation at
 * a moment drawn per seed; the storage key `r1`. It tells the app and the vault of the rotation one after
 * the other (which first, and how long apart, drawn per seed), as a real roll-out does.
 */
export default function kms(node: Node) {
  // [1]
  const keys = new Map<string, string>();
  for (const kid of ['t1', 't2', 'r1']) keys.set(kid, b64(crypto.getRandomValues(new Uint8Array(16))));
  let current = 't1';
  const rotateAt = 4000 + Math.floor(node.random() * 4000);
  const order = node.random() < 0.5 ? ['app', 'vault'] : ['vault', 'app'];
  const gap = 200 + Math.floor(node.random() * 500);
  const retireAt = rotateAt + GRACE_MS;
  const leakAt = retireAt + 200 + Math.floor(node.random() * 800);
  const told = new Set<string>();
  let retired = false;

  node.on('key', (msg: AnyMessage) => {
    const kid = String(msg.body.kid);
    if (!keys.has(kid) || (kid === 't2' && current !== 't2') || (kid === 't1' && retired))
      return node.reply(msg, { why: `no key ${kid}` }, 'denied');
    node.reply(msg, { kid, key: keys.get(kid)! });
  });
  node.on('current', (msg: AnyMessage) =>
    node.reply(msg, { kid: msg.body.purpose === 'rest' ? 'r1' : current }),
  );

  // [2]
  node.setTimer(rotateAt, () => {
    current = 't2';
    node.log(`rotating the transit key to t2: ${order[0]} first, ${order[1]} ${gap} ms later`);
  });
  node.on('rotate_ok', (msg: AnyMessage) => told.add(msg.from));
  node.every(100, () => {
    if (current !== 't2') return;
    order.forEach((peer, i) => {
      if (!told.has(peer) && node.monotonic() >= rotateAt + i * gap)
        node.send(peer, 'rotate', { kid: 't2', retires: 't1', graceMs: GRACE_MS });
    });
    if (retired && !told.has('retired')) node.send('vault', 'retire', { kid: 't1' });
  });

  // [3]
  node.setTimer(retireAt, () => {
    retired = true;
    node.log('t1 retired: its grace is over, kms gives it to no one now');
  });
  node.on('retire_ok', () => told.add('retired'));
  node.setTimer(leakAt, () => {
    node.warn('t1 leaked (an old backup): the attacker has it');
    node.send('router', 'leaked', { kid: 't1', key: keys.get('t1')! });
  });
}

/*
[1]
Keys are 16 random bytes (AES-128), drawn from the node's seeded stream: another seed, other keys. `key`
answers `{ kid, key }` (the key base64): the app and the vault ask for each key they need, once. The links
to kms are the one trusted channel here (think of a mounted secret volume): the router sits between the app
and the vault only.

[2]
From `rotateAt` on, new messages should be sealed with t2. Messages sealed with t1 are still in flight
then, and one side hears of the rotation up to 700 ms before the other: nothing may fail across it.

[3]
The old key has a grace of 2 s after the rotation (`rotate` says so: `retires`, `graceMs`): long enough for
every envelope sealed with it to arrive. Then kms retires it (it gives t1 to no one any more) and tells the
vault `retire { kid: 't1' }` (again every 100 ms until the vault answers). A little later t1 leaks to the
attacker, as old keys do: a vault that still opens t1 envelopes takes the forgeries sealed with it.
*/
