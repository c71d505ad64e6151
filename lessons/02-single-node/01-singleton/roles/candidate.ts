import type { Node } from '@playground/node';

const JOB_EVERY_MS = 200;
const RETRY_MS = 500;

export default function candidate(node: Node) {
  let leader = false;
  let jobs = 0;
  node.state.leader = false;
  node.state.jobs = 0;

  // [1]
  async function campaign() {
    while (!leader) {
      try {
        const reply = await node.rpc('lock', 'acquire', {}, { timeout: 250 });
        if (reply.body.granted) {
          leader = true;
          node.state.leader = true;
          node.log('I hold the lease: I am the singleton now');
        }
      } catch {
        // [2]
      }
      if (!leader) await node.sleep(RETRY_MS);
    }
  }

  // [3]
  node.every(JOB_EVERY_MS, () => {
    if (!leader) return;
    jobs += 1;
    node.state.jobs = jobs;
    node.send('store', 'job', { n: jobs });
  });

  // [4]
  node.on('job_ok', () => {});

  void campaign();
}

/*
[1]
Three copies of this code run, but the job must run on one of them only (think: a nightly billing run, or
the one node allowed to write a file). Each candidate asks the `lock` for the lease until it gets it;
the first one wins and the other two stand by, asking again every 500 ms.

[2]
No answer in 250 ms (the request or its reply was lost, or the lock is unreachable): try again later.

[3]
The job: every 200 ms the leader writes to the `store`. The bug is here: once a candidate is leader, it stays
leader forever. But the lock only granted 1000 ms. When the lease runs out the lock gives it to a standby,
and now two candidates run the job.

Your exercise: keep the lease and respect it.
- Renew it: ask the lock again regularly (every 300 ms, say) while you lead, and keep asking while you stand
  by, so you can take over when the leader is gone.
- Know when it ends, by your own monotonic clock: a grant is good for `reply.body.ttl` ms from the moment
  you *sent* that request (`node.monotonic()` just before the `rpc`). Keep a little margin. Not
  `node.now()`: that is the wall clock, and a clock correction can set it back.
- Run the job only while `node.monotonic()` is before that end. If renewals stop coming back (you are cut
  off from the lock, or you were paused), step down before the lease ends: by then someone else may hold it.
- Fence your writes: put the grant's token on every job (`{ n, token }`). The store refuses a job without
  one, or with a token older than the newest it has seen.

[4]
The store answers every job with `job_ok` (`accepted` true or false). Nothing to do with it here; it is in
the Sequence tab when you want to see a job refused.
*/
