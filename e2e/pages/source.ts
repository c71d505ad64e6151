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

/** request-reply's server as the learner starts with it. */
export const echoServer = lessonFile('07-messaging/03-request-reply/roles/server.ts');

/** That server answering `<text>: <request>` instead of `Echo: <request>`. */
export const echoServerReplying = (text: string) =>
  echoServer.replace('`Echo: ${msg.body.text}`', `\`${text}: \${msg.body.text}\``);
