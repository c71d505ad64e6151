import type { Node } from '@playground/node';

// [1]
type VoteEvent = { seq: number; voter: string; option: string; previous: string | null };

const OPTIONS = ['cats', 'dogs', 'birds'];

/** The write model: one vote per voter (changing your vote is allowed), kept as an event log. */
export default function writer(node: Node) {
  const votes: Record<string, string> = {}; // voter -> option
  let seq = 0;

  // [2]
  const log = node.storage
    .keys()
    .filter((key) => key.startsWith('event-'))
    .sort();
  for (const key of log) {
    const event = node.storage.get(key) as VoteEvent;
    votes[event.voter] = event.option;
    seq = event.seq;
  }
  node.state.events = seq;

  // [3]
  node.on('vote', (msg) => {
    const { voter, option } = msg.body;
    if (!OPTIONS.includes(option)) {
      node.reply(msg, { accepted: false, reason: `unknown option ${option}`, seq });
      return;
    }
    const previous = votes[voter] ?? null;
    if (previous === option) {
      node.reply(msg, { accepted: true, seq }); // nothing changed, nothing to record
      return;
    }
    seq += 1;
    const event: VoteEvent = { seq, voter, option, previous };
    node.storage.set(eventKey(seq), event);
    votes[voter] = option;
    node.state.events = seq;
    node.reply(msg, { accepted: true, seq });
    node.send('reader', 'event', event); // [4]
  });

  // [5]
  node.on('events_since', (msg) => {
    const after: number = msg.body.after;
    const events: VoteEvent[] = [];
    for (let s = after + 1; s <= seq && events.length < 100; s++) {
      events.push(node.storage.get(eventKey(s)) as VoteEvent);
    }
    node.reply(msg, { events, latest: seq });
  });
}

function eventKey(seq: number): string {
  return `event-${String(seq).padStart(6, '0')}`;
}

/*
[1]
An event says who voted for what, and what they had voted for before (`previous`, null for a first vote), so
a projection can move one vote from one option to another without keeping its own list of voters. `seq`
numbers events 1, 2, 3, … without gaps: the checkers rely on it.

[2]
The write model is event-sourced (previous lesson): on start, it rebuilds `votes` from its log.

[3]
The command side: validate (a known option), decide (is anything changing?), record an event, acknowledge.
It never answers questions about results: that is the read side's job.

[4]
Publish the event to the read model: fire and forget, one message per event. On a perfect network this is
all the read side needs.

[5]
A catch-up endpoint: `events_since { after: n }` answers `{ events: [n+1, n+2, …] (up to 100), latest }`
straight from the log. The log is the source of truth, so any reader can ask again for anything it missed.
*/
