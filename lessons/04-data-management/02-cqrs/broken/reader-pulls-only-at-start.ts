/** Bug: catches up once when it starts, then relies on pushed events: anything lost later stays lost. */
import type { Node } from '@playground/node';

type VoteEvent = { seq: number; voter: string; option: string; previous: string | null };

/** The read model, reliable: applies events once, in order, and catches up on anything it missed. */
export default function reader(node: Node) {
  const tally: Record<string, number> = { cats: 0, dogs: 0, birds: 0 };
  let asOf = 0;
  const waiting = new Map<number, VoteEvent>();
  node.state.tally = tally;
  node.state.asOf = 0;
  node.state.waiting = 0;

  function project(event: VoteEvent) {
    tally[event.option] = (tally[event.option] ?? 0) + 1;
    if (event.previous !== null) tally[event.previous] = (tally[event.previous] ?? 0) - 1;
  }

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

  node.setTimer(100, async () => {
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
