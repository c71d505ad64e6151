/** Bug: drops duplicates and stale events, but still works through every new event in arrival order: it falls behind in a storm. */
import type { Node } from '@playground/node';

type Reading = { sensor: string; seq: number; temperature: number };

const WORK_MS = 10;
const THRESHOLD = 30;

// The book's DataProcessor: subscribes to sensor_data, and on_event processes each event.
export default function dataProcessor(node: Node) {
  const work: { topic: string; data: Reading }[] = [];
  let busy = false;

  // [1]
  async function subscribe(topic: string) {
    for (;;) {
      try {
        await node.rpc('broker', 'subscribe', { topic }, { timeout: 300 });
        return;
      } catch {
        // Ask again.
      }
    }
  }

  // [2]
  function onEvent(event: string, data: Reading) {
    node.send('dashboard', 'update', data);
    if (data.temperature >= THRESHOLD) node.send('pager', 'alert', data);
  }

  // [3]
  const newest = new Map<string, number>();
  node.on('event', (msg) => {
    const body = msg.body as { topic: string; data: Reading };
    if ((newest.get(body.data.sensor) ?? 0) >= body.data.seq) return;
    newest.set(body.data.sensor, body.data.seq);
    work.push(body);
    void drain();
  });

  async function drain() {
    if (busy) return;
    busy = true;
    while (work.length > 0) {
      const next = work.shift()!;
      await node.sleep(WORK_MS);
      onEvent(next.topic, next.data);
    }
    busy = false;
  }

  node.every(50, () => node.metric('backlog', work.length));
  void subscribe('sensor_data');
}
