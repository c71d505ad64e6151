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
  node.on('event', (msg) => {
    work.push(msg.body as { topic: string; data: Reading });
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

/*
[1]
`self.subscribe('sensor_data')` in the book: ask the broker until it confirms.

[2]
`on_event(event, data)`: the book prints it. Here processing an event means showing it on the dashboard (an
`update` with the reading: sensor, seq, temperature) and, when it is hot (30 degrees or more), paging someone
(an `alert` with the reading). Processing takes 10 ms: this processor can do 100 a second, no more.

[3]
Every event is queued and processed in arrival order, one at a time. That is fine at 30 events a second.

What this leaves out: the network delivers some events twice and some after the ones that followed them, so
the dashboard shows an older reading after a newer one; a hot spell pages once per hot reading; and in an
event storm (500 events a second from one sensor) the queue grows by 400 a second, so the dashboard and the
pager fall seconds behind: an alert about a fire, ten seconds late.

Your exercise: never let a sensor's dashboard go back (its seq only grows), page once per hot spell and at
once, even in a storm, and keep the dashboard fresh without doing more than one update per 10 ms. Hint: an
event that a newer one from the same sensor has overtaken is not worth 10 ms of work.
*/
