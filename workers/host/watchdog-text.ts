/**
 * Words for a watchdog crash: what a spinning node was handling, and where its handler probably is. A Worker
 * that spins cannot say which event it is stuck in, so this is read off the batch it was given.
 */
import type { NodeBatch } from '../kernel/protocol';

/**
 * Wall-clock ms one node may spend on one batch before it counts as an infinite loop: one budget for the three
 * watchdogs (the Worker host in a normal run, the browser's Check, and headless runs of the CLI and
 * lessons:verify). A batch is at most one lookahead window of virtual time, so honest code is far below it.
 */
export const NODE_BATCH_BUDGET_MS = 3000;

const BOOT_TEXT = "starting (its role's main function)";

/**
 * A node's first batch also waits for its Worker to start (in the sandboxed frame: a `data:` module Worker
 * parsing the ~300 KB runtime), which on a loaded machine took over 3 s in the browser's Check: a node
 * starting gets this long before it counts as stuck. Its own code still runs in the same batch.
 */
export const BOOT_BATCH_BUDGET_MS = 15_000;

/** The budget of the batch a watchdog's `doing` sentence (GuardedHost's) describes. */
export function budgetFor(doing: string): number {
  return doing.includes(BOOT_TEXT) ? BOOT_BATCH_BUDGET_MS : NODE_BATCH_BUDGET_MS;
}

/** The one sentence every watchdog says: `<who, doing what, where>: did not finish within 3 s (...)`. */
export function stuckReason(doing: string, budgetMs: number, stopped: 'run' | 'checks'): string {
  return `${doing}: did not finish within ${budgetMs / 1000} s (an infinite loop?); the ${stopped} ${stopped === 'run' ? 'was' : 'were'} stopped`;
}

export interface BatchDescription {
  /** e.g. `handling 'echo' from client`, `starting (its role's main function)`. */
  text: string;
  /** The type of the first message of the batch, if any: its handler is the likely culprit. */
  messageType?: string;
}

export function describeBatch(batch: NodeBatch): BatchDescription {
  if (batch.boot) return { text: BOOT_TEXT };
  const delivers = batch.events.filter((e) => e.kind === 'deliver');
  const first = delivers[0];
  if (!first) return { text: `handling its timers due before ${batch.until} ms` };
  const { type, from } = first.message;
  const more = delivers.length > 1 ? ` (or one of the ${delivers.length - 1} messages after it)` : '';
  return { text: `handling '${type}' from ${from}${more}`, messageType: type };
}

/**
 * The 1-based line of `.on('<type>'` in a role's source, else of its default export, else 1. A guess for the
 * learner's eye: the Worker was killed mid-loop, so no stack exists.
 */
export function locateHandler(source: string, messageType: string | undefined): number {
  const lines = source.split('\n');
  if (messageType !== undefined) {
    const quoted = [`'${messageType}'`, `"${messageType}"`, `\`${messageType}\``];
    const at = lines.findIndex((line) => line.includes('.on(') && quoted.some((q) => line.includes(q)));
    if (at >= 0) return at + 1;
  }
  const main = lines.findIndex((line) => line.includes('export default'));
  return main >= 0 ? main + 1 : 1;
}

/** A node whose sandboxed frame died (node-frame.ts's ping watchdog) stops with this reason. */
export const FRAME_LOST_REASON =
  'its sandboxed frame stopped answering (a node there ran out of memory?): the frame was rebuilt';
