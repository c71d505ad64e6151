import type { Node } from '@playground/node';

const JOB_EVERY_MS = 200;
const RENEW_MS = 300;
const SAFETY_MS = 100;

export default function candidate(node: Node) {
  // [1]
  let leaseEnd = 0;
  let token = 0;
  let jobs = 0;
  let wasLeader = false;
  node.state.leader = false;
  node.state.jobs = 0;

  const holdsLease = () => node.monotonic() < leaseEnd;

  function showRole() {
    const leader = holdsLease();
    if (leader !== wasLeader)
      node.log(leader ? `lease ${token} acquired: leading` : 'lease lost: standing by');
    wasLeader = leader;
    node.state.leader = leader;
    node.state.token = token;
    node.state.leaseLeftMs = Math.max(0, Math.round(leaseEnd - node.monotonic()));
  }

  // [2]
  async function askForLease() {
    const asked = node.monotonic();
    try {
      const reply = await node.rpc('lock', 'acquire', {}, { timeout: 250 });
      if (reply.body.granted) {
        leaseEnd = Math.max(leaseEnd, asked + reply.body.ttl - SAFETY_MS);
        token = reply.body.token;
      }
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
    node.send('store', 'job', { n: jobs, token });
  });

  // The store's answer to each job (accepted or refused); the lease already decides whether to write.
  node.on('job_ok', () => {});
}

/*
[1]
The only truth about leadership is the lease's end, measured on this node's monotonic clock
(`node.monotonic()`): the wall clock (`node.now()`) can be set back by a clock correction, which would
stretch the lease past the lock's. Memory is lost in a crash, so a restarted candidate starts with no lease
and has to ask again, which is exactly right.

[2]
The lock granted the lease after our request left, so the lease lasts at least `ttl` ms from `asked`. We
never trust the lock's `until` (another clock) nor the time the reply arrived (later than the grant). The
grant's fencing token goes on every job of this lease.

[3]
Leader and standbys run the same loop: the leader's request renews its lease, a standby's is refused until
the lease runs out, and then the first standby to ask takes over.

[4]
Before each run of the job, check the lease. A leader cut off from the lock stops here on its own, about
100 ms before the lock could give the lease to anyone else. A paused leader's overdue timer fires once at
resume: the check fails then (the lease ran out meanwhile), so it writes nothing until it has a new lease.
*/
