import type { Node } from '@playground/node';

export default function store(node: Node) {
  const byWriter: Record<string, number> = {};
  let newest = 0;
  let jobs = 0;
  let refused = 0;
  node.state.jobs = 0;
  node.state.refused = 0;
  node.state.newestToken = 0;
  node.state.lastWriter = null;

  // [1]
  node.on('job', (msg) => {
    const token: unknown = msg.body?.token;
    if (typeof token !== 'number') {
      refused += 1;
      node.state.refused = refused;
      node.reply(msg, { accepted: false, why: 'no fencing token', newest });
      return;
    }
    // [2]
    if (token < newest) {
      refused += 1;
      node.state.refused = refused;
      node.warn(`refused a job from ${msg.from} with token ${token}: token ${newest} was already seen`);
      node.reply(msg, { accepted: false, why: `token ${token} is older than ${newest}`, newest });
      return;
    }
    newest = token;
    jobs += 1;
    byWriter[msg.from] = (byWriter[msg.from] ?? 0) + 1;
    node.state.jobs = jobs;
    node.state.newestToken = newest;
    node.state.lastWriter = msg.from;
    node.state.byWriter = { ...byWriter };
    node.metric('job_from', Number(msg.from.split('-').pop()));
    node.reply(msg, { accepted: true, token, newest });
  });
}

/*
[1]
The store records who wrote. The `job_from` chart plots the writer's number: with one leader it is a flat
line that steps when leadership moves; with two leaders at once it zigzags between them.

[2]
Fencing: every job must carry the token of the lease it runs under (`{ token }` in the job's body). The store
remembers the newest token it has seen and refuses older ones, so a job from a lease that has been replaced
can never land after the new leader's. It answers each job with `job_ok` (`accepted` true or false); the
candidates need not listen.
*/
