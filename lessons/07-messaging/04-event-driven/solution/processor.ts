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
    if (data.temperature >= THRESHOLD) page(data);
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

/*
[1]
Per sensor: the newest reading received (by seq, not by arrival), the seq the dashboard shows and when it was
shown, and when we last paged about it.

[2]
Paging is cheap and urgent, so it happens as an event arrives, not after the 10 ms queue. One page per hot
spell: after paging about a sensor, stay quiet about it for QUIET_MS (measured on node.monotonic()), so the
other hot readings of the spell, and their duplicates, do not page again.

[3]
A duplicate, or an event overtaken by a newer one of the same sensor: the dashboard must not go back to it.

[4]
The work loop, at its fixed speed (one update per WORK_MS): of the sensors whose dashboard is behind, show the
newest reading of the one updated longest ago (by time: sequence numbers of different sensors do not
compare). In a storm the storming sensor's readings are conflated (its dashboard skips readings nobody could
have read anyway), and the other sensors still get their turn.
*/
