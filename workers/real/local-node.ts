/**
 * A node process forked by the real-mode launcher: told what to run over IPC, reporting its trace back over
 * IPC. It watches its parent: when the IPC channel closes (the launcher exited or crashed), it exits too, so
 * no node outlives its launcher.
 */
import type { NodeOutput, TraceEvent } from '../kernel/protocol';
import { Outbound } from './outbound';
import { makeRuntime, splitOutput } from './node-core';
import { startNodeServer, type NodeServer } from './node-server';
import { RealDriver, wallClock } from './real-driver';
import type { LauncherToNode, NodeInit, NodeToLauncher } from './real-protocol';

/** How long a finishing node waits for its last messages to leave. */
const DRAIN_MS = 1000;

function tell(message: NodeToLauncher): void {
  process.send?.(message);
}

export function runLocalNode(): void {
  process.on('disconnect', () => process.exit(0));
  // A spare process waits for its init: compile a trivial role meanwhile, so the compiler is warm by then.
  makeRuntime('warm-up', { role: 'warm-up', file: 'warm-up.ts', source: 'export default function () {}' });
  process.once('message', (first: LauncherToNode) => {
    if (first.type !== 'init') {
      tell({ type: 'failed', reason: `expected init, got ${first.type}` });
      process.exit(1);
    }
    start(first).catch((error: unknown) => {
      tell({ type: 'failed', reason: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
  });
}

async function start(init: NodeInit): Promise<void> {
  const runtime = makeRuntime(init.id, init.role);
  if (typeof runtime === 'string') {
    tell({ type: 'failed', reason: runtime });
    process.exit(1);
  }
  let origin = 0;
  const clock = wallClock(() => origin, init.speed);
  const record = (event: TraceEvent) => tell({ type: 'trace', events: [event] });
  const outbound = new Outbound({ seed: init.seed, network: init.network, clock, record });

  const onOutput = (output: NodeOutput): void => {
    const { trace, sends, control } = splitOutput(output);
    // The trace (and its storage writes, which the launcher persists) leaves before any message does: what
    // the node said it did is on the launcher's pipe before anyone can hear of it.
    if (trace.length > 0) tell({ type: 'trace', events: trace });
    for (const send of sends) outbound.send(send.message, send.t);
    for (const c of control) {
      if (c.kind === 'spawn')
        tell({ type: 'spawn', t: c.t, id: c.id, role: c.role, ...(c.storage ? { storage: c.storage } : {}) });
      else tell({ type: 'stop', t: c.t, id: c.id });
    }
    if (output.fatal) tell({ type: 'fatal', t: clock.now(), reason: output.fatal.reason });
  };
  const driver = new RealDriver(runtime, clock, onOutput);
  let server: NodeServer;
  try {
    server = await startNodeServer('127.0.0.1', init.port, (message) => driver.deliver(message));
  } catch (error) {
    tell({ type: 'failed', reason: `${init.id}: ${(error as Error).message}` });
    process.exit(1);
  }

  process.on('message', (message: LauncherToNode) => {
    switch (message.type) {
      case 'boot':
        origin = message.origin;
        outbound.setAddresses(message.addresses);
        driver.start(message.boot);
        return;
      case 'addresses':
        return outbound.setAddresses(message.addresses);
      case 'membership':
        return driver.membership(message.peers);
      case 'net':
        return outbound.apply(message.change);
      case 'skew':
        return driver.skew(message.offsetMs);
      case 'finish':
        driver.halt();
        void Promise.race([outbound.drained(), new Promise((r) => setTimeout(r, DRAIN_MS))])
          .then(() => server.close())
          .then(() => {
            tell({ type: 'finished' });
            process.disconnect();
          });
        return;
      case 'init':
        return;
    }
  });
  tell({ type: 'ready', port: server.port });
}
