/**
 * Message types in the order they were first sent: the one rule behind every view's type colours (the
 * graph, its legend, the sequence diagram), so a type keeps its colour everywhere and never reshuffles.
 */
import type { TraceEvent } from '../../workers/kernel/protocol';
import { SeriesLog } from './series';

export class TypeOrder {
  /** In first-sent order. */
  readonly types: string[] = [];
  private readonly log = new SeriesLog<string>();
  private readonly seen = new Set<string>();

  /** Record trace event i; true when it introduced a new type. */
  add(e: TraceEvent, i: number): boolean {
    if (e.kind !== 'send' || this.seen.has(e.message.type)) return false;
    this.seen.add(e.message.type);
    this.types.push(e.message.type);
    this.log.push(i, e.message.type);
    return true;
  }

  /** The types first sent among trace events [0, cut); the same array while that does not change. */
  upTo(cut: number): string[] {
    return this.log.upTo(cut);
  }
}
