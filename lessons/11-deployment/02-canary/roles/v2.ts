import type { Node } from '@playground/node';

/** The new version, from the image in its spawn storage. A bad build starts failing half its requests a while after boot. */
export default function v2(node: Node) {
  const image = node.storage.get<{ bad: boolean; failsAfter: number }>('image');
  if (!image) node.warn("no image: spawn me with node.spawn('v2', { storage: { image } })");
  node.on('work', async (msg) => {
    await node.sleep(5 + Math.floor(node.random() * 10));
    const failing = !image || (image.bad && node.monotonic() > image.failsAfter);
    if (failing && node.random() < 0.5)
      node.reply(msg, { id: msg.body.id, user: msg.body.user, by: node.id, version: 'v2', error: 'v2: 500' });
    else node.reply(msg, { id: msg.body.id, user: msg.body.user, by: node.id, version: 'v2', result: 'ok' });
  });
}
