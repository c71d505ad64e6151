import type { Node } from '@playground/node';

/** One shard: a small key-value store for the keys the router sends here. */
export default function shard(node: Node) {
  const data: Record<string, string> = {}; // [1]
  node.state.data = data;
  node.state.keys = 0;

  node.on('put', (msg) => {
    data[msg.body.key] = msg.body.value;
    node.state.keys = Object.keys(data).length;
    node.reply(msg, {});
  });

  node.on('get', (msg) => {
    node.reply(msg, { value: data[msg.body.key] ?? null }); // [2]
  });

  node.on('delete', (msg) => {
    delete data[msg.body.key];
    node.state.keys = Object.keys(data).length;
    node.reply(msg, {});
  });

  // [3]
  node.on('dump', (msg) => {
    node.reply(msg, { data: { ...data } });
  });
}

/*
[1]
The shard's keys live in `node.state.data`, so the inspector (and the checkers) can see exactly which keys
each shard holds at any moment.

[2]
A key this shard does not hold reads as `null`. The shard cannot tell "never written" from "written, but
to another shard": only the router knows where a key belongs.

[3]
`dump` returns every key and value the shard holds: the router uses it to find keys that must move when the
set of shards changes.
*/
