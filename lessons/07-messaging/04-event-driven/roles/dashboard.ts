import type { Node } from '@playground/node';

// The dashboard: the latest reading of each sensor, as the processor reports it. [1]
export default function dashboard(node: Node) {
  const shown: Record<string, number> = {};
  node.on('update', (msg) => {
    const { sensor, temperature } = msg.body as { sensor: string; temperature: number };
    shown[sensor] = temperature;
    node.state = { ...shown };
  });
}

/*
[1]
It believes every update. If an older reading arrives after a newer one, it shows the older one: the
dashboard has gone back in time.
*/
