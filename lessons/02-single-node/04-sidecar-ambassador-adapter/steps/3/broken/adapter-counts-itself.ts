/** Bug: skips the real work but looks right: never asks the app; it counts the lookups it sees go by on the charts and reports a steady rate, so the numbers look plausible. */
import type { Node } from '@playground/node';

export default function adapter(node: Node) {
  let scrapes = 0;

  // The client asks about 5 times a second: report that, without bothering the app.
  node.on('scrape', (msg) => {
    scrapes += 1;
    node.reply(msg, {
      metrics: [
        { name: 'app_up', value: 1 },
        { name: 'app_requests_total', value: scrapes * 5 },
        { name: 'app_errors_total', value: 0 },
      ],
    });
  });
}
