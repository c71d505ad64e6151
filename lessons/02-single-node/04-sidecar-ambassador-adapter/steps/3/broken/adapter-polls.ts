/** Bug: retries too eagerly: asks the app for its stats every 50 ms in the background so a scrape never waits, twenty times the work of asking once per scrape. */
import type { Node } from '@playground/node';

export default function adapter(node: Node) {
  let last: { name: string; value: number }[] = [{ name: 'app_up', value: 0 }];

  // Keep the numbers fresh all the time, so a scrape never has to wait.
  node.every(50, async () => {
    try {
      const stats = await node.rpc('app', 'stats', {}, { timeout: 300 });
      const fields: Record<string, number> = {};
      for (const pair of String(stats.body.text).split(' ')) {
        const [name, value] = pair.split('=');
        if (name !== undefined && value !== undefined) fields[name] = Number(value);
      }
      const served = fields.served ?? 0;
      const failed = fields.failed ?? 0;
      last = [
        { name: 'app_up', value: 1 },
        { name: 'app_requests_total', value: served + failed },
        { name: 'app_errors_total', value: failed },
      ];
    } catch {
      last = [{ name: 'app_up', value: 0 }];
    }
  });

  node.on('scrape', (msg) => {
    node.reply(msg, { metrics: last });
  });
}
