import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** A lesson file as the learner starts with it. */
export function lessonFile(path: string): string {
  return readFileSync(new URL(`../../lessons/${path}`, import.meta.url), 'utf8');
}

/** `npm run sim -- <lesson> --seed <seed> --json`: the headless run's trace hash. */
export function simTraceHash(lessonId: string, seed: number): string {
  let out: string;
  try {
    out = execFileSync('npx', ['tsx', 'scripts/sim.ts', lessonId, '--seed', String(seed), '--json'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
  } catch (error) {
    // A failing check exits non-zero; the JSON (and its hash) is still printed.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  const result = JSON.parse(out) as { traceHash: string };
  return result.traceHash;
}

/**
 * request-reply's client as the learner starts with it: the lesson's editable role (its server is not
 * editable), so the persistence, share and two-tab specs edit this one.
 */
export const clientStarter = lessonFile('07-messaging/03-request-reply/roles/client.ts');

/** The text of the starter's log line for a confirmed deposit, which `clientLogging` replaces. */
export const STARTER_LOG = 'deposit #${n} of ${amount}: balance';

/** That client logging `<text>: balance <n>` for each confirmed deposit instead of `deposit #n of a: balance <n>`. */
export function clientLogging(text: string): string {
  const edited = clientStarter.replace(STARTER_LOG, `${text}: balance`);
  if (edited === clientStarter) throw new Error(`request-reply's client no longer logs '${STARTER_LOG}'`);
  return edited;
}
