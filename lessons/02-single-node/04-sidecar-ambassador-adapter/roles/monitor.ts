import type { Node } from '@playground/node';

export default function monitor(node: Node) {
  node.state.scrapes = 0;

  // [1]
  node.every(1000, async () => {
    try {
      const answer = await node.rpc('adapter', 'scrape', {}, { timeout: 500 });
      const metrics: { name: string; value: number }[] = answer.body.metrics ?? [];
      for (const m of metrics) node.metric(m.name, m.value);
      node.state.scrapes = Number(node.state.scrapes) + 1;
      node.state.last = Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    } catch {
      node.warn('scrape failed');
    }
  });
}

/*
[1]
Every second the monitor scrapes the pod and charts what it gets.
*/
