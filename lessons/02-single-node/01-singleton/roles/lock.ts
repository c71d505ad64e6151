import type { Node } from '@playground/node';

const TTL_MS = 1000;

export default function lock(node: Node) {
  let holder: string | null = null;
  let until = 0;
  let token = 0;
  node.state.holder = null;
  node.state.token = 0;

  // [1]
  node.on('acquire', (msg) => {
    const now = node.monotonic();
    const free = holder === null || now >= until;
    if (free || holder === msg.from) {
      // [2]
      if (free) {
        token += 1;
        node.log(`lease ${token} to ${msg.from} (was ${holder ?? 'nobody'})`);
      }
      holder = msg.from;
      until = now + TTL_MS;
      node.state.holder = holder;
      node.state.token = token;
      node.metric('holder', Number(holder.split('-').pop()));
      // [3]
      node.reply(msg, { granted: true, holder, token, ttl: TTL_MS, until: node.now() + TTL_MS });
    } else {
      node.reply(msg, { granted: false, holder, ttl: TTL_MS, until: node.now() + (until - now) });
    }
  });
}

/*
[1]
A lease is a lock with an expiry date. Whoever asks first gets it for 1000 ms; asking again while you hold it
renews it for another 1000 ms from now. Anyone else is refused until the lease runs out, even if the holder
has crashed or is paused: the lock cannot tell a crashed holder from a slow one, so it simply waits for the
time to pass. It measures that time on `node.monotonic()`, which no clock correction can move.

[2]
Each new lease (not a renewal) gets the next **fencing token**: 1, 2, 3, ... The store refuses a job whose
token is older than the newest it has seen, so a leader that wakes up late, or whose job was slow on the
wire, cannot overwrite the work of the leader that replaced it.

[3]
The reply says `ttl`, but `until` is in the lock's wall clock, not yours. Your node cannot compare the two
(the lock's clock may be set ahead or back, and the reply took time to arrive). What you can trust is your
own monotonic clock: the lease runs at least `ttl` ms from the moment you *sent* the request, because the
lock granted it after that.

This lock keeps its lease in memory, so it must not crash. Real lock services (etcd, ZooKeeper, Consul) are
themselves replicated: chapter 3 shows how.
*/
