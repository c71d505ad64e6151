/**
 * The node processes of real mode: forked from the bundled runner, with a spare or a few kept forked and idle
 * (they have loaded the runner, nothing else), so a restart or spawn costs an IPC round trip instead of a
 * Node.js start-up; a process's memory is as new either way. Every child of every pool is killed when this
 * process exits, whatever the reason.
 */
import { fork, type ChildProcess } from 'node:child_process';

const everyChild = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of everyChild) child.kill('SIGKILL');
});

/** Kill every node process of every run now (Ctrl+C). */
export function killAllNodes(): void {
  for (const child of everyChild) child.kill('SIGKILL');
}

export class ProcessPool {
  /** Every process forked, spares included: callers prove none is left. */
  readonly pids: number[] = [];
  private readonly spares: ChildProcess[] = [];
  private closed = false;

  constructor(
    private readonly runner: string,
    private readonly spareCount: number,
  ) {}

  /** A fresh process, waiting for its `init`. */
  take(): ChildProcess {
    const child = this.spares.shift() ?? this.fork();
    while (!this.closed && this.spares.length < this.spareCount) this.spares.push(this.fork());
    return child;
  }

  /** No more spares (the run is finishing); kill the idle ones. */
  dispose(): void {
    this.closed = true;
    for (const spare of this.spares.splice(0)) spare.kill('SIGKILL');
  }

  private fork(): ChildProcess {
    const child = fork(this.runner, [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    everyChild.add(child);
    if (child.pid !== undefined) this.pids.push(child.pid);
    child.on('exit', () => everyChild.delete(child));
    // A child can die between a check and a write to it (EPIPE): its exit is handled where it exits.
    child.on('error', () => {});
    return child;
  }
}
