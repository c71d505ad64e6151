import { budget, fail, goal, invariant, ms, nodesOfRole, outages, sends } from '@playground/scenario';
import type { Check } from '@playground/scenario';
import { answersFromReplicas, attemptsPerRequest, p99Latency, repliedInTime } from './steps/3/checks';

/** Requests a balancer may still send to a dead replica before it notices. */
const MAX_SENDS_TO_DEAD = 5;

export default [
  repliedInTime,
  answersFromReplicas,

  invariant('the balancer stops sending work to a dead replica', (run) => {
    for (const down of outages(run, undefined, ['crash', 'pause'])) {
      if (!down.node.startsWith('server')) continue;
      const work = sends(run, {
        type: 'work',
        from: 'balancer',
        to: down.node,
        after: down.from,
        before: down.to,
      });
      if (work.length > MAX_SENDS_TO_DEAD) {
        const last = work[work.length - 1]!;
        return fail(
          `the balancer sent ${work.length} requests to ${down.node} while it was ${down.kind === 'crash' ? 'crashed' : 'paused'} ` +
            `(${ms(down.from)} to ${ms(down.to)}), the last at ${ms(last.t)}; after noticing a dead replica, leave it ` +
            `out of rotation (at most ${MAX_SENDS_TO_DEAD} sends while it is down)`,
          {
            at: work[MAX_SENDS_TO_DEAD]!.t,
            nodes: ['balancer', down.node],
            messages: [work[MAX_SENDS_TO_DEAD]!.message.id],
          },
        );
      }
    }
    return true;
  }),

  goal('a restarted replica is used again', (run) => {
    for (const down of outages(run, undefined, ['crash'])) {
      if (!down.node.startsWith('server') || down.to >= run.virtualMs) continue;
      const served = sends(run, { type: 'work_ok', from: down.node, after: down.to }).length;
      if (served === 0) {
        return fail(
          `${down.node} restarted at ${ms(down.to)} but answered no request after that: the balancer never put it ` +
            `back in rotation (health checks can tell when it is back)`,
          { at: down.to, nodes: ['balancer', down.node] },
        );
      }
    }
    return true;
  }),

  attemptsPerRequest(1.02),

  p99Latency(360),

  budget(
    'health probes per second',
    (run) => {
      const probes = sends(run, { type: 'health', from: 'balancer' }).length;
      const replicas = nodesOfRole(run, 'server').length;
      return {
        value: probes / (run.virtualMs / 1000),
        detail: `(${probes} health requests to ${replicas} replicas in ${ms(run.virtualMs)})`,
        nodes: ['balancer'],
      };
    },
    { unit: 'probes per second', atMost: 30, reference: 11.7, digits: 1 },
  ),
] satisfies Check[];
