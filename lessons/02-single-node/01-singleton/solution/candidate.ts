import type { Node } from '@playground/node';

const JOB_EVERY_MS = 200;
const RENEW_MS = 300;
const SAFETY_MS = 100;

export default function candidate(node: Node) {
  // [1]
  let leaseEnd = 0;
  let jobs = 0;
  let wasLeader = false;
  node.state.leader = false;
  node.state.jobs = 0;

  const holdsLease = () => node.now() < leaseEnd;

  function showRole() {
    const leader = holdsLease();
    if (leader !== wasLeader) node.log(leader ? 'lease acquired: leading' : 'lease lost: standing by');
    wasLeader = leader;
    node.state.leader = leader;
    node.state.leaseLeftMs = Math.max(0, Math.round(leaseEnd - node.now()));
  }

  // [2]
  async function askForLease() {
    const asked = node.now();
    try {
      const reply = await node.rpc('lock', 'acquire', {}, { timeout: 250 });
      if (reply.body.granted) leaseEnd = Math.max(leaseEnd, asked + reply.body.ttl - SAFETY_MS);
    } catch {
      // No answer: the lease we had still runs out on time, by our own clock.
    }
    showRole();
  }

  // [3]
  node.every(RENEW_MS, askForLease);
  void askForLease();

  // [4]
  node.every(JOB_EVERY_MS, () => {
    showRole();
    if (!holdsLease()) return;
    jobs += 1;
    node.state.jobs = jobs;
    node.send('store', 'job', { n: jobs });
  });
}

/*
[1]
The only truth about leadership is the lease's end, measured on this node's own clock. Memory is lost in a
crash, so a restarted candidate starts with no lease and has to ask again, which is exactly right.

[2]
The lock granted the lease after our request left, so the lease lasts at least `ttl` ms from `asked`. We
never trust the lock's `until` (another clock) nor the time the reply arrived (later than the grant).

[3]
Leader and standbys run the same loop: the leader's request renews its lease, a standby's is refused until
the lease runs out, and then the first standby to ask takes over.

[4]
Before each run of the job, check the lease. A leader cut off from the lock stops here on its own, about
100 ms before the lock could give the lease to anyone else.
*/
