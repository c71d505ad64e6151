import type { Node } from '@playground/node';

export default function adapter(node: Node) {
  // [1]
  node.on('scrape', async (msg) => {
    try {
      const stats = await node.rpc('app', 'stats', {}, { timeout: 300 });
      // [2]
      const fields: Record<string, number> = {};
      for (const pair of String(stats.body.text).split(' ')) {
        const [name, value] = pair.split('=');
        if (name !== undefined && value !== undefined) fields[name] = Number(value);
      }
      // [3]
      const served = fields.served ?? 0;
      const failed = fields.failed ?? 0;
      node.reply(msg, {
        metrics: [
          { name: 'app_up', value: 1 },
          { name: 'app_requests_total', value: served + failed },
          { name: 'app_errors_total', value: failed },
        ],
      });
    } catch {
      // [4]
      node.reply(msg, { metrics: [{ name: 'app_up', value: 0 }] });
    }
  });
}

/*
[1]
The monitor scrapes every pod the same way: `scrape`, answered with `{ metrics: [{ name, value }] }`. The app
has its own idea of stats. An adapter translates between the two, so neither has to change.

[2]
Parse `served=41 failed=2 uptime_ms=8200` into numbers by name: split on spaces, then on `=`.

[3]
Then rename into the monitor's vocabulary. The names are not the only difference: the app counts
successes (`served`) and failures apart, while the monitor wants every request in `app_requests_total`
and the failures among them in `app_errors_total`. Every app in the fleet gets its own adapter; the
monitor sees one format.

[4]
No answer from the app: say so in the monitor's terms.
*/
