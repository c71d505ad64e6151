import type { Node } from '@playground/node';

// The pager: each alert wakes someone up. [1]
export default function pager(node: Node) {
  let alerts = 0;
  node.on('alert', (msg) => {
    alerts += 1;
    node.warn(`ALERT ${String(msg.body.sensor)}: ${String(msg.body.temperature)} degrees`);
    node.state = { alerts };
  });
}

/*
[1]
One alert per hot spell, soon after it starts: late is useless, and a page for every hot reading of the
same spell is an alert storm nobody reads.
*/
