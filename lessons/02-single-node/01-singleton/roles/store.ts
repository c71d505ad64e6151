import type { Node } from '@playground/node';

export default function store(node: Node) {
  const byWriter: Record<string, number> = {};
  let jobs = 0;
  node.state.jobs = 0;
  node.state.lastWriter = null;
  node.state.byWriter = {};

  // [1]
  node.on('job', (msg) => {
    jobs += 1;
    byWriter[msg.from] = (byWriter[msg.from] ?? 0) + 1;
    node.state.jobs = jobs;
    node.state.lastWriter = msg.from;
    node.state.byWriter = { ...byWriter };
    node.metric('job_from', Number(msg.from.split('-').pop()));
  });
}

/*
[1]
The store records who wrote. The `job_from` chart plots the writer's number: with one leader it is a flat
line that steps when leadership moves; with two leaders at once it zigzags between them.
*/
