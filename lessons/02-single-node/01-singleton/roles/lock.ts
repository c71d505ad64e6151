import type { Node } from '@playground/node';

const TTL_MS = 1000;

export default function lock(node: Node) {
  let holder: string | null = null;
  let until = 0;
  node.state.holder = null;
  node.state.until = 0;

  // [1]
  node.on('acquire', (msg) => {
    const now = node.now();
    if (holder === null || holder === msg.from || now >= until) {
      if (holder !== msg.from) node.log(`lease to ${msg.from} (was ${holder ?? 'nobody'})`);
      holder = msg.from;
      until = now + TTL_MS;
      node.state.holder = holder;
      node.state.until = until;
      node.metric('holder', Number(holder.split('-').pop()));
      // [2]
      node.reply(msg, { granted: true, holder, ttl: TTL_MS, until });
    } else {
      node.reply(msg, { granted: false, holder, ttl: TTL_MS, until });
    }
  });
}

/*
[1]
A lease is a lock with an expiry date. Whoever asks first gets it for 1000 ms; asking again while you hold it
renews it for another 1000 ms from now. Anyone else is refused until the lease runs out, even if the holder
has crashed: the lock cannot tell a crashed holder from a slow one, so it simply waits for the time to pass.

[2]
The reply says `ttl`, but `until` is in the lock's clock, not yours. Your node cannot compare the two (the
lock's clock may be skewed, and the reply took time to arrive). What you can trust is your own clock: the
lease runs at least `ttl` ms from the moment you *sent* the request, because the lock granted it after that.

This lock keeps its lease in memory, so it must not crash. Real lock services (etcd, ZooKeeper, Consul) are
themselves replicated: chapter 3 shows how.
*/
