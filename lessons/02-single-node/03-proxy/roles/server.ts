import type { Node } from '@playground/node';

export default function server(node: Node) {
  let gets = 0;
  let lastSecond = 0;
  node.state.gets = 0;

  // [1]
  node.on('get', (msg) => {
    gets += 1;
    node.state.gets = gets;
    const key: string = msg.body.key;
    node.reply(msg, { key, value: `${key} as of ${Math.floor(node.now())} ms`, at: node.now() });
  });

  // [2]
  node.every(1000, () => {
    node.metric('server_gets_per_s', gets - lastSecond);
    lastSecond = gets;
  });
}

/*
[1]
The answer carries `at`: the server's time when it produced the value. That is how anyone downstream can
tell how old a value is.

[2]
The load chart: gets handled per second.
*/
