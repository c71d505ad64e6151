/**
 * Where each message is drawn at the view's time, and how (pure math, no drawing). Position is the share
 * of its journey done: (t - sentAt) / (arriveAt - sentAt). When the trace does not say yet when it lands,
 * we assume the typical latency seen on screen and park it short of the receiver rather than guess past.
 */
import type { FlyingMessage } from '../../trace';
import { lanePoint } from './geometry';
import type { Layout } from './layout';

export type Mark = 'flying' | 'delivered' | 'dropped';

export interface Placed {
  m: FlyingMessage;
  x: number;
  y: number;
  alpha: number;
  mark: Mark;
  /** 0..1: how far into its fade an ended message is (0 while flying). */
  age: number;
  /** Where a flying message's trail starts: the way it came, so the eye reads a direction, not a blip. */
  tail?: { x: number; y: number };
}

/** Share of the link the trail covers behind a flying message. */
const TRAIL = 0.22;

/** Lane offset (px): requests and replies pass side by side. */
const LANE = 3.5;

export function typicalLatency(messages: readonly FlyingMessage[]): number {
  const known: number[] = [];
  for (const m of messages)
    if (m.arriveAt !== null && m.arriveAt > m.sentAt) known.push(m.arriveAt - m.sentAt);
  if (known.length === 0) return 40;
  known.sort((a, b) => a - b);
  return known[known.length >> 1] ?? 40;
}

export function placeMessages(
  messages: readonly FlyingMessage[],
  layout: Layout,
  t: number,
  fadeMs: number,
  animate: boolean,
): Placed[] {
  const typical = typicalLatency(messages);
  const out: Placed[] = [];
  for (const m of messages) {
    const from = layout.get(m.from);
    const to = layout.get(m.to);
    if (!from || !to || m.from === m.to) continue;
    if (m.fate === 'in-flight') {
      const span = m.arriveAt !== null ? m.arriveAt - m.sentAt : typical;
      let s = span > 0 ? (t - m.sentAt) / span : 0.5;
      if (m.arriveAt === null) s = Math.min(s, 0.92);
      const at = clamp01(s);
      const p = lanePoint(from, to, at, LANE);
      const tail = lanePoint(from, to, Math.max(0, at - TRAIL), LANE);
      out.push({ m, x: p.x, y: p.y, alpha: 1, mark: 'flying', age: 0, tail });
      continue;
    }
    const ended = m.arriveAt ?? t;
    const age = clamp01(fadeMs > 0 ? (t - ended) / fadeMs : 1);
    if (m.fate === 'delivered') {
      // A delivery is a brief pulse at the receiver's rim: gone in the first half of the window.
      if (age > 0.5) continue;
      const p = lanePoint(from, to, 1, LANE);
      out.push({ m, x: p.x, y: p.y, alpha: animate ? 1 - age * 2 : 0.6, mark: 'delivered', age });
      continue;
    }
    // Dropped at send (it never left): next to the sender. Dropped on arrival: next to the receiver.
    const atSend = m.arriveAt === m.sentAt;
    const p = lanePoint(from, to, atSend ? 0.08 : 0.92, LANE);
    const fall = animate ? age * 16 : 0;
    out.push({ m, x: p.x, y: p.y + fall, alpha: animate ? 1 - age * 0.85 : 1, mark: 'dropped', age });
  }
  return out;
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
