/**
 * Words for check reasons, so every lesson says times, counts and lists the same way.
 */
import type { FaultSpec } from '../protocol';
import type { RunResult } from '../scenario';

/** `1234 ms` (rounded). */
export function ms(t: number): string {
  return `${Math.round(t)} ms`;
}

/** A number with at most `digits` decimals, trailing zeros dropped: 3.10 -> "3.1", 2 -> "2". */
export function fixed(n: number, digits = 1): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toFixed(digits)));
}

/** `1 message`, `3 messages` (or the given plural). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `a, b and c`; past `max` items, `a, b, c and 4 more`. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `42%` of a fraction in [0, 1]. */
export function pct(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** The faults this seed's nemesis drew (the trace's `nemesis` event at t=0), empty without one. */
export function drawnFaults(run: RunResult): FaultSpec[] {
  const event = run.trace.find((e) => e.kind === 'nemesis');
  return event && event.kind === 'nemesis' ? event.faults : [];
}

/** One fault as a learner reads it: "candidate-2 crashed at 3120 ms". */
export function describeFault(e: RunResult['trace'][number]): string | undefined {
  switch (e.kind) {
    case 'crash':
      return `${e.node} crashed at ${ms(e.t)}`;
    case 'restart':
      return `${e.node} restarted at ${ms(e.t)}`;
    case 'pause':
      return `${e.node} was paused at ${ms(e.t)}`;
    case 'resume':
      return `${e.node} resumed at ${ms(e.t)}`;
    case 'partition':
      return `${e.from} was cut off from ${e.to} at ${ms(e.t)}`;
    case 'heal':
      return `${e.from} and ${e.to} were reconnected at ${ms(e.t)}`;
    case 'skew':
      return `${e.node}'s clock was set ${e.offsetMs >= 0 ? 'ahead' : 'back'} by ${Math.abs(e.offsetMs)} ms at ${ms(e.t)}`;
    case 'link':
      return `the link ${e.from} -> ${e.to} changed at ${ms(e.t)}`;
    case 'stop':
      return `${e.node} was stopped at ${ms(e.t)}`;
    default:
      return undefined;
  }
}

/** " Around then: a crashed at 10 ms; b was cut off from c at 20 ms." for faults within `window` ms of `t`. */
export function faultsNear(run: RunResult, t: number, window = 1200): string {
  const said = run.trace
    .filter((e) => Math.abs(e.t - t) <= window)
    .map(describeFault)
    .filter((s): s is string => s !== undefined);
  return said.length ? ` Around then: ${listOf(said, 4)}.` : '';
}
