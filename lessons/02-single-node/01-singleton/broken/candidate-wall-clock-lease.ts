/** Bug: measures the lease on the wall clock (node.now()): when a clock correction sets it back, the lease outlives the lock's. */
import type { Node } from '@playground/node';

const JOB_EVERY_MS = 200;
const RENEW_MS = 300;
const SAFETY_MS = 100;

export default function candidate(node: Node) {
  let leaseEnd = 0;
  let token = 0;
  let jobs = 0;
  let wasLeader = false;
  node.state.leader = false;
  node.state.jobs = 0;

  const holdsLease = () => node.now() < leaseEnd;

  function showRole() {
    const leader = holdsLease();
    if (leader !== wasLeader)
      node.log(leader ? `lease ${token} acquired: leading` : 'lease lost: standing by');
    wasLeader = leader;
    node.state.leader = leader;
    node.state.token = token;
    node.state.leaseLeftMs = Math.max(0, Math.round(leaseEnd - node.now()));
  }

  async function askForLease() {
    const asked = node.now();
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

  node.every(RENEW_MS, askForLease);
  void askForLease();

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
