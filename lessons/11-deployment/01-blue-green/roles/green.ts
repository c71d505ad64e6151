import type { Node } from '@playground/node';

/** A v2 replica: boots from the image in its spawn storage; a broken build answers every request with an error. */
export default function green(node: Node) {
  // [1]
  const image = node.storage.get<{ version: string; broken: boolean }>('image');
  if (!image) node.warn("no image: spawn me with node.spawn('green', { storage: { image } })");
  const broken = !image || image.broken;
  let done = 0;

  node.on('work', async (msg) => {
    await node.sleep(Number(msg.body.ms) || 5);
    done += 1;
    node.state.done = done;
    // [2]
    if (broken)
      node.reply(msg, {
        id: msg.body.id,
        by: node.id,
        version: 'v2',
        error: 'v2: 500 Internal Server Error',
      });
    else node.reply(msg, { id: msg.body.id, by: node.id, version: 'v2', result: `v2 did ${msg.body.id}` });
  });
}

/*
[1]
The image is what the release handed the router: which version, and (known only to this code) whether the
build is broken.

[2]
A broken build still answers, promptly: it answers with an error. A smoke test that only checks "it
answered" lets it through.
*/
