/**
 * The real-time driver over a hand-moved clock: timers wait on the clock and fire at their due time (or at
 * the late moment the clock woke us), a timer woken early waits again, deliveries take the time they arrive,
 * and the node's time never runs backwards.
 */
import { describe, expect, it } from 'vitest';
import type { Effect, NodeOutput } from '../kernel/protocol';
import { makeRuntime } from './node-core';
import { RealDriver, type RealClock } from './real-driver';

/** A clock the test moves: `after` callbacks run when `advance` passes their time. */
class HandClock implements RealClock {
  time = 0;
  private waits: { at: number; fn: () => void }[] = [];
  now = () => this.time;
  after = (ms: number, fn: () => void) => {
    const wait = { at: this.time + ms, fn };
    this.waits.push(wait);
    return () => (this.waits = this.waits.filter((w) => w !== wait));
  };
  /** Move to `to` and wake what is due, as a late real timer would: at `wakeAt` (default: exactly on time). */
  async advance(to: number, wakeAt = to): Promise<void> {
    const due = this.waits.filter((w) => w.at <= to);
    this.waits = this.waits.filter((w) => w.at > to);
    this.time = wakeAt;
    for (const w of due) w.fn();
    await settle();
  }
  /** Wake every waiter now, whatever its time (a real timer firing early). */
  async wakeEarly(): Promise<void> {
    const all = this.waits;
    this.waits = [];
    for (const w of all) w.fn();
    await settle();
  }
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

function drive(source: string) {
  const runtime = makeRuntime('n', { role: 'r', file: 'roles/r.ts', source });
  if (typeof runtime === 'string') throw new Error(runtime);
  const clock = new HandClock();
  const effects: Effect[] = [];
  const driver = new RealDriver(runtime, clock, (out: NodeOutput) => effects.push(...out.effects));
  driver.start({ role: 'r', index: 0, seed: 1, incarnation: 0, storage: {}, peers: [] });
  return { clock, effects, driver };
}

describe('RealDriver', () => {
  it('fires timers on the real clock, late ones when woken, early wake-ups wait again', async () => {
    const { clock, effects } = drive(
      `export default (node) => { node.every(100, () => node.log('tick ' + node.now())); }`,
    );
    await settle();
    await clock.advance(100);
    await clock.wakeEarly(); // nothing is due at 100: it must wait again, not fire
    await clock.advance(200, 230); // woken 30 ms late
    await clock.advance(300); // the next is due 100 ms after the late one: not yet
    await clock.advance(330);
    const ticks = effects.filter((e) => e.kind === 'log').map((e) => (e as { text: string }).text);
    expect(ticks).toEqual(['tick 100', 'tick 230', 'tick 330']);
    const times = effects.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('hands a message over at the time it arrived, after the window it arrived in', async () => {
    const { clock, effects, driver } = drive(
      `export default (node) => { node.on('ping', (m) => node.log('got ' + m.body.n + ' at ' + node.now())); }`,
    );
    driver.deliver({ id: 'x#1', from: 'x', to: 'n', type: 'ping', body: { n: 1 }, sentAt: 0 });
    await settle();
    clock.time = 42.5;
    driver.deliver({ id: 'x#2', from: 'x', to: 'n', type: 'ping', body: { n: 2 }, sentAt: 40 });
    await settle();
    const logs = effects.filter((e) => e.kind === 'log').map((e) => (e as { text: string }).text);
    // The first came while the boot window [0, 0.01) ran: it is handled right after it, never before.
    expect(logs).toEqual(['got 1 at 0.01', 'got 2 at 42.5']);
  });
});
