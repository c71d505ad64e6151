/**
 * One node process as the launcher sees it: hand it its `init`, relay its stderr and messages, and resolve
 * with its port once it has compiled its role and listens. A compile error, a listen error, an exit before it
 * was up or a start that takes too long rejects with one line saying which node and why.
 */
import type { ChildProcess } from 'node:child_process';
import type { SimNode } from '../kernel/sim-node';
import { RealModeError } from './real-mode-error';
import type { NodeInit, NodeToLauncher } from './real-protocol';

export interface Proc {
  child: ChildProcess;
  node: SimNode;
  /** Set once the launcher killed or finished it on purpose: its exit is no crash. */
  expected: boolean;
}

export interface StartNode {
  init: NodeInit;
  timeoutMs: number;
  onLine(line: string): void;
  /** Everything it says after `ready`. */
  onMessage(message: NodeToLauncher): void;
  /** It exited (at any time); `why` is the signal or exit code. */
  onExit(why: string): void;
}

export function startNodeProcess(proc: Proc, start: StartNode): Promise<number> {
  const { child } = proc;
  const { id, role } = start.init;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    for (const line of text.split('\n')) if (line.trim()) start.onLine(line);
  });
  if (child.connected) child.send(start.init, () => {});
  return new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new RealModeError(`node ${id} did not start within ${start.timeoutMs} ms`)),
      start.timeoutMs,
    );
    child.on('message', (message: NodeToLauncher) => {
      if (message.type === 'ready') {
        clearTimeout(timeout);
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timeout);
        proc.expected = true;
        reject(new RealModeError(`node ${id} (${role.file}) failed to start: ${message.reason}`));
      } else start.onMessage(message);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timeout);
      const why = signal ?? `code ${code}`;
      reject(new RealModeError(`node ${id} exited before it was up (${why})`));
      start.onExit(why);
    });
  });
}
