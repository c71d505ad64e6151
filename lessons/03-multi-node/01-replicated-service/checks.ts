import { eventsOf, goal, invariant, sent } from '@playground/scenario';
import type { Check, Message, RunResult } from '@playground/scenario';

/** The client gives up on a request after this long (see roles/client.ts). */
const CLIENT_TIMEOUT_MS = 2000;
/** Requests a balancer may still send to a dead replica before it notices. */
const MAX_SENDS_TO_DEAD = 5;

function messagesById(run: RunResult): Map<string, Message> {
  return new Map(sent(run).map((m) => [m.id, m]));
}

/** Periods during which a server was down: from its crash to its restart (or the end of the run). */
function downtimes(run: RunResult): { node: string; from: number; to: number }[] {
  const servers = new Set(run.nodes.filter((n) => n.role === 'server').map((n) => n.id));
  const result: { node: string; from: number; to: number }[] = [];
  for (const crash of eventsOf(run, 'crash')) {
    if (!servers.has(crash.node)) continue;
    const restart = eventsOf(run, 'restart').find((r) => r.node === crash.node && r.t >= crash.t);
    result.push({ node: crash.node, from: crash.t, to: restart ? restart.t : run.virtualMs });
  }
  return result;
}

function list(items: (string | number)[], max = 8): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, …`;
}

export default [
  goal('every request gets a reply in time', (run) => {
    const byId = messagesById(run);
    const requests = sent(run, 'work', 'client');
    const answeredAt = new Map<string, number>();
    for (const d of eventsOf(run, 'deliver')) {
      if (d.node !== 'client' || d.type !== 'work_ok') continue;
      const request = byId.get(d.messageId)?.inReplyTo;
      if (request && !answeredAt.has(request)) answeredAt.set(request, d.t);
    }
    const late = requests.filter((r) => {
      const at = answeredAt.get(r.id);
      return at === undefined || at - r.sentAt > CLIENT_TIMEOUT_MS;
    });
    if (requests.length === 0) return 'the client sent no request at all';
    if (late.length === 0) return true;
    const lostToDead = downtimes(run)
      .map((down) => {
        const n = eventsOf(run, 'drop').filter(
          (d) => d.type === 'work' && d.from === 'balancer' && d.to === down.node && d.reason === 'crashed',
        ).length;
        return n > 0
          ? ` ${n} requests the balancer forwarded to ${down.node} after it crashed at ${down.from} ms were lost.`
          : '';
      })
      .join('');
    const jobs = late.map((r) => (r.body as { job?: number }).job ?? r.id);
    return (
      `client got ${requests.length - late.length} of ${requests.length} replies within ${CLIENT_TIMEOUT_MS} ms ` +
      `(unanswered jobs: ${list(jobs)}).${lostToDead} A balancer should try another replica when one does not answer.`
    );
  }),

  invariant('the balancer stops sending work to a dead replica', (run) => {
    for (const down of downtimes(run)) {
      const sends = sent(run, 'work', 'balancer').filter(
        (m) => m.to === down.node && m.sentAt > down.from && m.sentAt < down.to,
      );
      if (sends.length > MAX_SENDS_TO_DEAD) {
        return (
          `the balancer sent ${sends.length} requests to ${down.node} while it was down ` +
          `(${down.from}–${down.to} ms), the last at ${Math.round(sends[sends.length - 1]?.sentAt ?? 0)} ms; after noticing a dead ` +
          `replica it should leave it out (at most ${MAX_SENDS_TO_DEAD} sends while it is down)`
        );
      }
    }
    return true;
  }),

  goal('a restarted replica is used again', (run) => {
    const restarts = eventsOf(run, 'restart').filter((r) =>
      run.nodes.some((n) => n.id === r.node && n.role === 'server'),
    );
    for (const restart of restarts) {
      const served = sent(run, 'work_ok', restart.node).filter((m) => m.sentAt > restart.t).length;
      if (served === 0) {
        return (
          `${restart.node} restarted at ${restart.t} ms but answered no request after that: ` +
          `the balancer never put it back in rotation (health checks can tell when it is back)`
        );
      }
    }
    return true;
  }),
] satisfies Check[];
