import type { Node } from '@playground/node';

export default function adapter(node: Node) {
  // [1]
  node.on('scrape', async (msg) => {
    try {
      const stats = await node.rpc('app', 'stats', {}, { timeout: 300 });
      // [2]
      node.reply(msg, { text: stats.body.text });
    } catch {
      // [3]
      node.reply(msg, { metrics: [{ name: 'app_up', value: 0 }] });
    }
  });
}

/*
[1]
The monitor scrapes every pod the same way: `scrape`, answered with `{ metrics: [{ name, value }] }`. The app
has its own idea of stats. An adapter translates between the two, so neither has to change.

[2]
Not translated yet: this passes the app's own line, `served=41 failed=2 uptime_ms=8200`, to the monitor,
which finds no `metrics` in it and charts nothing.

Your exercise: parse the line into numbers and answer in the monitor's format, with three metrics:
- `app_up`: 1 (the app answered);
- `app_requests_total`: every request the app handled, `served + failed`;
- `app_errors_total`: the requests that failed, `failed`.

[3]
No answer from the app: this part already speaks the monitor's language.
*/
