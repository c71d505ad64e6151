/**
 * Exit once everything written to stdout and stderr has gone out. A pipe takes 64 KiB at a time; the rest
 * waits in the stream, and `process.exit` right after a big write cuts it off (`sim --json | jq` read half).
 */
export function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
