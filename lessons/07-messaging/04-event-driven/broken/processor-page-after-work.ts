/** Bug: pages only when a hot reading reaches the dashboard: conflation can skip the hot ones, and a paused processor pages late. */
import type { Node } from '@playground/node';

type Reading = { sensor: string; seq: number; temperature: number };

const WORK_MS = 10;
const THRESHOLD = 30;
const QUIET_MS = 1500;

// The DataProcessor that keeps only each sensor's newest reading, and pages on arrival.
export default function dataProcessor(node: Node) {
  const newest = new Map<string, Reading>(); // [1]
  const shown = new Map<string, number>();
  const shownAt = new Map<string, number>();
  const pagedAt = new Map<string, number>();
  let busy = false;

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
  function page(data: Reading) {
    const last = pagedAt.get(data.sensor);
    if (last !== undefined && node.monotonic() - last < QUIET_MS) return;
    pagedAt.set(data.sensor, node.monotonic());
    node.send('pager', 'alert', data);
  }

  node.on('event', (msg) => {
    const data = (msg.body as { data: Reading }).data;
    const known = newest.get(data.sensor);
    if (known && known.seq >= data.seq) return; // [3]
    newest.set(data.sensor, data);
    void drain();
  });

  /** Of the sensors with a newer reading than their dashboard shows, the one updated longest ago. */
  function next(): Reading | undefined {
    let pick: Reading | undefined;
    const since = (sensor: string) => shownAt.get(sensor) ?? -1;
    for (const reading of newest.values()) {
      if (reading.seq <= (shown.get(reading.sensor) ?? 0)) continue;
      if (!pick || since(reading.sensor) < since(pick.sensor)) pick = reading;
    }
    return pick;
  }

  // [4]
  async function drain() {
    if (busy) return;
    busy = true;
    for (let pick = next(); pick; pick = next()) {
      await node.sleep(WORK_MS);
      const reading = newest.get(pick.sensor)!;
      shown.set(reading.sensor, reading.seq);
      shownAt.set(reading.sensor, node.monotonic());
      node.send('dashboard', 'update', reading);
      if (reading.temperature >= THRESHOLD) page(reading);
    }
    busy = false;
  }

  node.every(50, () => {
    let behind = 0;
    for (const r of newest.values()) if (r.seq > (shown.get(r.sensor) ?? 0)) behind += 1;
    node.metric('backlog', behind);
  });
  void subscribe('sensor_data');
}
