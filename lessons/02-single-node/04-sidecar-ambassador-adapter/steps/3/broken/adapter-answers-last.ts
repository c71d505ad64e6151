/** Bug: acts on a stale answer: replies at once with the stats it fetched for the previous scrape, then fetches new ones for next time. */
import type { Node } from '@playground/node';

export default function adapter(node: Node) {
  let last: { name: string; value: number }[] = [{ name: 'app_up', value: 0 }];

  async function refresh() {
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
  }

  // Answer the monitor at once from what we have, and fetch fresh numbers for the next scrape.
  node.on('scrape', (msg) => {
    node.reply(msg, { metrics: last });
    void refresh();
  });
}
