import type { Node } from '@playground/node';

const EVERY_MS = 100;
const STORM_EVERY_MS = 2;

// The book's Sensor: generate_event(data) emits a sensor_data event. [1]
export default function sensor(node: Node) {
  let seq = 0;

  function emit(topic: string, data: { sensor: string; seq: number; temperature: number }) {
    node.send('broker', 'emit', { topic, data });
  }

  function generateEvent(temperature: number) {
    seq += 1;
    emit('sensor_data', { sensor: node.id, seq, temperature });
  }

  // [2]
  const stormAt = 3000 + Math.round(node.random() * 11_000);
  const stormFor = 800 + Math.round(node.random() * 700);
  const spells = [stormAt + 150 + Math.round(node.random() * 400)];
  for (const t of [0, 1].map(() => 1000 + Math.round(node.random() * 17_000)))
    if (spells.every((s) => Math.abs(s - t) > 2500)) spells.push(t);
  const hot = (t: number) => spells.some((s) => t >= s && t < s + 400);

  async function run() {
    for (let t = 0; t < 19_500;) {
      const storming = t >= stormAt && t < stormAt + stormFor;
      const base = hot(t) ? 31 + node.random() * 3 : 20 + node.random() * 3;
      generateEvent(Math.round(base * 10) / 10);
      const step = storming ? STORM_EVERY_MS : EVERY_MS;
      await node.sleep(step);
      t += step;
    }
  }
  void run();
}

/*
[1]
`generate_event({"temperature": 22.5})` in the book; here every reading carries the sensor's name and a
sequence number (1, 2, 3, ... in the order it was taken) beside the temperature.

[2]
The workload, drawn per seed: a reading every 100 ms, except during one event storm of 0.8 to 1.5 s, when it
emits one every 2 ms (a stuck sensor, a burst after a reconnect). Two or three hot spells of 400 ms
(31 to 34 degrees), one of them starting during the storm. You cannot change this role.
*/
