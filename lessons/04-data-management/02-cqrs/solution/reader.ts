import type { Node } from '@playground/node';

type VoteEvent = { seq: number; voter: string; option: string; previous: string | null };

/** The read model, reliable: applies events once, in order, and catches up on anything it missed. */
export default function reader(node: Node) {
  const tally: Record<string, number> = { cats: 0, dogs: 0, birds: 0 };
  let asOf = 0; // [1]
  const waiting = new Map<number, VoteEvent>();
  node.state.tally = tally;
  node.state.asOf = 0;
  node.state.waiting = 0;

  function project(event: VoteEvent) {
    tally[event.option] = (tally[event.option] ?? 0) + 1;
    if (event.previous !== null) tally[event.previous] = (tally[event.previous] ?? 0) - 1;
  }

  // [2]
  function receive(event: VoteEvent) {
    if (event.seq <= asOf || waiting.has(event.seq)) return;
    waiting.set(event.seq, event);
    for (let next = waiting.get(asOf + 1); next; next = waiting.get(asOf + 1)) {
      waiting.delete(next.seq);
      project(next);
      asOf = next.seq;
    }
    node.state.asOf = asOf;
    node.state.waiting = waiting.size;
  }

  node.on('event', (msg) => receive(msg.body as VoteEvent));

  // [3]
  node.every(100, async () => {
    try {
      const reply = await node.rpc('writer', 'events_since', { after: asOf }, { timeout: 300 });
      for (const event of reply.body.events as VoteEvent[]) receive(event);
    } catch {
      // Lost or late: the next pull, 100 ms from now, asks again.
    }
  });

  node.on('results', (msg) => {
    node.reply(msg, { tally: { ...tally }, asOf });
  });
}

/*
[1]
`asOf` now means exactly what it says: events 1..asOf have been applied, each once, in order, and nothing
else has. Events that arrive early wait in `waiting` until the gap before them is filled.

[2]
Receiving an event: ignore it if it is already applied or already waiting (duplicates), otherwise park it,
then apply every event that is now next in line. The projection is not idempotent (a vote counted twice is
wrong), so the reader makes delivery idempotent with the sequence number instead.

[3]
Catching up: every 100 ms, ask the writer for the events after `asOf`. This repairs lost messages, fills the
hole left by a partition once it heals, and rebuilds the whole read model from scratch after a restart (the
first pull asks for everything after 0). Pulls may overlap when the link is slow: harmless, since `receive`
ignores what it already has. The pushed events keep the read side fresh; the pull makes it correct.
*/
