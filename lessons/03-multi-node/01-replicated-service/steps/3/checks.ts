import {
  budget,
  exchanges,
  fail,
  faultsNear,
  goal,
  invariant,
  listOf,
  messageById,
  ms,
  percentile,
  perOp,
  receivedBefore,
  sends,
} from '@playground/scenario';
import type { Check, Json, RunResult } from '@playground/scenario';

/** The client gives up on a request after this long (see roles/client.ts). */
export const CLIENT_TIMEOUT_MS = 2000;

const isServer = (id: string) => id.startsWith('server');

function jobOf(body: Json | undefined): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body.job : undefined;
}

/** The client's requests, each with the balancer's answer (if any). */
export function clientExchanges(run: RunResult) {
  return exchanges(run, { type: 'work', from: 'client' });
}

/** Every client request gets exactly one reply, within the client's deadline. */
export const repliedInTime = goal('every request gets one reply in time', (run) => {
  const all = clientExchanges(run);
  if (all.length === 0) return 'the client sent no request at all';
  const twice = all.find((x) => x.replies.length > 1);
  if (twice) {
    return fail(
      `the balancer answered job ${String(jobOf(twice.request.body))} ${twice.replies.length} times ` +
        `(first at ${ms(twice.replies[0]!.sentAt)}): forward one answer per request, even when a late replica answers too`,
      { at: twice.replies[1]!.sentAt, nodes: ['balancer'], messages: twice.replies.map((r) => r.id) },
    );
  }
  const late = all.filter((x) => x.latency === undefined || x.latency > CLIENT_TIMEOUT_MS);
  if (late.length === 0) return true;
  const first = late[0]!;
  const jobs = late.map((x) => String(jobOf(x.request.body)));
  return fail(
    `the client got ${all.length - late.length} of ${all.length} replies within ${ms(CLIENT_TIMEOUT_MS)} ` +
      `(unanswered or late: jobs ${listOf(jobs, 8)}; the first sent at ${ms(first.sentAt)}).` +
      `${faultsNear(run, first.sentAt)} When a replica does not answer within your rpc timeout, try the same job ` +
      `on another replica, and keep the attempts short enough to fit in the client's ${ms(CLIENT_TIMEOUT_MS)}.`,
    { at: first.sentAt, nodes: ['client', 'balancer'], messages: [first.request.id] },
  );
});

/**
 * Follows cause: each answer the client got must be the body of a replica's `work_ok` to a `work` for that
 * same job, received by the balancer before it answered. A balancer that makes up an answer fails.
 */
export const answersFromReplicas = invariant('every answer is a replica’s answer to that job', (run) => {
  for (const x of clientExchanges(run)) {
    for (const reply of x.replies) {
      const job = jobOf(x.request.body);
      const upstream = receivedBefore(run, 'balancer', reply.sentAt, { type: 'work_ok', from: isServer });
      const cause = upstream.find((d) => {
        const request = d.message.inReplyTo ? messageById(run, d.message.inReplyTo) : undefined;
        return (
          request?.from === 'balancer' &&
          jobOf(request.body) === job &&
          JSON.stringify(d.message.body) === JSON.stringify(reply.body)
        );
      });
      if (!cause) {
        return fail(
          `at ${ms(reply.sentAt)} the balancer answered job ${String(job)} with ${JSON.stringify(reply.body)}, ` +
            `but no replica had sent it that answer for that job: pass on a replica's reply (reply.body), never make one up`,
          { at: reply.sentAt, nodes: ['balancer'], messages: [x.request.id, reply.id] },
        );
      }
    }
  }
  return true;
});

/** Cost: `work` messages the balancer sends per client request (`reference`: the exercise's solution). */
export const attemptsPerRequest = (reference: number) =>
  budget(
    'replica attempts per request',
    (run) => {
      const requests = sends(run, { type: 'work', from: 'client' }).length;
      const attempts = sends(run, { type: 'work', from: 'balancer' }).length;
      return {
        value: perOp(attempts, requests),
        detail: `(${attempts} work messages to replicas for ${requests} requests)`,
        nodes: ['balancer'],
      };
    },
    { unit: 'replica attempts per request', atMost: 1.5, reference, digits: 2 },
  );

/** Latency: the client's p99, request to answer (`reference`: the exercise's solution). */
export const p99Latency = (reference: number) =>
  budget(
    'p99 latency',
    (run) => {
      const latencies = clientExchanges(run).map((x) => x.latency ?? CLIENT_TIMEOUT_MS);
      return {
        value: percentile(latencies, 99),
        detail: `over ${latencies.length} requests (an unanswered one counts as ${ms(CLIENT_TIMEOUT_MS)})`,
      };
    },
    { unit: 'ms', atMost: 800, reference, digits: 0 },
  );

export default [
  repliedInTime,
  answersFromReplicas,
  attemptsPerRequest(1.12),
  p99Latency(370),
] satisfies Check[];
