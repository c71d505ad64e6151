/**
 * The playback speed a lesson opens at, chosen from its network: a typical message should take about
 * TARGET_WALL_MS of real time to cross a link, long enough to follow with the eye. Links of 5–30 ms at a
 * fixed 0.25× flew in 20–120 ms: a flash. The quiet-stretch fast-forward keeps slow speeds from dragging
 * through the gaps between bursts.
 */
import type { ScenarioData } from '../../workers/host/control-api';
import { DEFAULT_LINK } from '../../workers/kernel/network';
import type { LatencySpec } from '../../workers/kernel/protocol';
import { FAST_FORWARD, SPEEDS } from './playback';

const TARGET_WALL_MS = 600;

/** The median of a latency distribution (virtual ms), as the kernel samples it. */
export function medianLatency(spec: LatencySpec): number {
  switch (spec.kind) {
    case 'constant':
      return spec.ms;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'normal':
      return Math.max(spec.mean, spec.min ?? 0);
    case 'exponential':
      // The kernel draws min + Exp(mean); an exponential's median is mean·ln 2.
      return (spec.min ?? 1) + spec.mean * Math.LN2;
    case 'long-tail':
      return Math.max(spec.median, spec.min ?? 0);
  }
}

/** The speed step (virtual ms per real ms) whose typical message time is nearest TARGET_WALL_MS. */
export function defaultSpeed(scenario: Pick<ScenarioData, 'network'>): number {
  const median = medianLatency(scenario.network?.defaults?.latency ?? DEFAULT_LINK.latency);
  const ideal = median / TARGET_WALL_MS;
  let best = SPEEDS[0] ?? 1;
  for (const s of SPEEDS) {
    // Nearest on a log scale: 2× too fast is as far off as 2× too slow.
    if (s !== FAST_FORWARD && Math.abs(Math.log(s / ideal)) < Math.abs(Math.log(best / ideal))) best = s;
  }
  return best;
}
