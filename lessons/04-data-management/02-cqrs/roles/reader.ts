import type { Node } from '@playground/node';

type VoteEvent = { seq: number; voter: string; option: string; previous: string | null };

/** The read model: a running tally of votes per option, projected from the writer's events. */
export default function reader(node: Node) {
  const tally: Record<string, number> = { cats: 0, dogs: 0, birds: 0 }; // [1]
  let asOf = 0;
  node.state.tally = tally;
  node.state.asOf = 0;

  // [2]
  function project(event: VoteEvent) {
    tally[event.option] = (tally[event.option] ?? 0) + 1;
    if (event.previous !== null) tally[event.previous] = (tally[event.previous] ?? 0) - 1;
  }

  // [3]
  node.on('event', (msg) => {
    const event = msg.body as VoteEvent;
    project(event);
    asOf = Math.max(asOf, event.seq);
    node.state.asOf = asOf;
  });

  // [4]
  node.on('results', (msg) => {
    node.reply(msg, { tally: { ...tally }, asOf });
  });
}

/*
[1]
The read model is shaped for the question it answers ("how many votes has each option?"), not for the rules
of voting. It lives in memory only: it can always be rebuilt from the writer's log.

[2]
The projection: one vote more for the new option, one fewer for the previous one.

[3]
The starter projects every event the moment it arrives, and claims to be up to date "as of" the highest
sequence number it has seen. That is only true if events arrive exactly once and in order...

[4]
Queries are answered from the read model alone, never by asking the writer: that is what lets reads scale
(and stay fast) independently of writes. `asOf` tells the client how fresh the answer is: it must reflect
exactly the events 1..asOf.
*/
