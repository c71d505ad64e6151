/** Bug: renames without translating: reports the app's `served` as `app_requests_total`, forgetting that the monitor counts failed requests too. */
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
          { name: 'app_requests_total', value: served },
          { name: 'app_errors_total', value: failed },
        ],
      });
    } catch {
      // [4]
      node.reply(msg, { metrics: [{ name: 'app_up', value: 0 }] });
    }
  });
}
