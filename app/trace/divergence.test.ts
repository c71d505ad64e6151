import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../workers/kernel/protocol';
import { DivergenceFinder } from './divergence';

const log = (t: number, text: string): TraceEvent => ({ t, kind: 'log', node: 'a', level: 'info', text });

describe('DivergenceFinder', () => {
  const previous = [log(0, 'start'), log(10, 'x'), log(20, 'y')];
  const complete = { finished: true } as const;

  it('says "same" while the new trace repeats the old one, as it arrives', () => {
    const f = new DivergenceFinder(previous, complete);
    expect(f.update(previous.slice(0, 2), false)).toEqual({ kind: 'same', upTo: 2 });
    expect(f.update(previous, true)).toEqual({ kind: 'same', upTo: 3 });
  });

  it('finds the first event that differs, and keeps that answer', () => {
    const f = new DivergenceFinder(previous, complete);
    const current = [log(0, 'start'), log(10, 'z')];
    expect(f.update(current, false)).toMatchObject({ kind: 'differs', index: 1, t: 10 });
    expect(f.update([...current, log(30, 'w')], true)).toMatchObject({ kind: 'differs', index: 1 });
  });

  it('an event at another time differs at the earlier of the two times', () => {
    const f = new DivergenceFinder(previous, complete);
    expect(f.update([log(0, 'start'), log(5, 'x')], false)).toMatchObject({ index: 1, t: 5 });
  });

  it('a finished run shorter than the previous one differs where it ended', () => {
    const f = new DivergenceFinder(previous, complete);
    expect(f.update(previous.slice(0, 2), true)).toMatchObject({ kind: 'differs', index: 2, t: 20 });
  });

  it('a run that goes on past the end of a complete previous run differs at its first new event', () => {
    const f = new DivergenceFinder(previous, complete);
    expect(f.update([...previous, log(30, 'more')], true)).toMatchObject({
      kind: 'differs',
      index: 3,
      t: 30,
      was: undefined,
      now: { text: 'more' },
    });
  });

  it('past where a previous run stopped (not run to its end) nothing is compared, and the line says so', () => {
    // The run before the edit was paused at 25 ms: it had all its events before 25 ms, none after.
    const f = new DivergenceFinder(previous, { finished: false, ms: 25 });
    expect(f.update([...previous, log(40, 'later')], true)).toEqual({ kind: 'same', upTo: 3, until: 25 });
    // An event before 25 ms that the previous run did not have is a difference.
    const g = new DivergenceFinder(previous, { finished: false, ms: 25 });
    expect(g.update([...previous, log(22, 'new')], false)).toMatchObject({
      kind: 'differs',
      index: 3,
      t: 22,
    });
  });

  it('a previous run only loaded (never left 0 ms) compares nothing after 0 ms', () => {
    const f = new DivergenceFinder([log(0, 'start')], { finished: false, ms: 0 });
    expect(f.update(previous, true)).toEqual({ kind: 'same', upTo: 1, until: 0 });
  });
});
