/**
 * Real mode end to end on loopback: each lesson's solution runs as one process per node and passes the
 * lesson's own checks on the real trace; storage survives a crash and memory does not; a role that does
 * not compile is one clear line; and no process is left behind. Clocks run 1-2x real time (about 30 s in all).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge } from '../workers/host/headless';
import { Network } from '../workers/kernel/network';
import type { RoleSource, TraceEvent } from '../workers/kernel/protocol';
import type { ScenarioData } from '../workers/kernel/scenario';
import { RealModeError, runReal, type RealRunResult } from '../workers/real/launcher';
import { bundleRunner } from './lib/bundle-runner';
import { chooseExercise } from './lib/lesson-source';

let runner: string;
beforeAll(async () => {
  runner = await bundleRunner();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process the run started is gone (they exit on their own or are killed before runReal returns). */
async function expectNoneLeft(result: RealRunResult): Promise<void> {
  expect(result.pids.length).toBeGreaterThan(0);
  await expect.poll(() => result.pids.filter(alive), { timeout: 3000 }).toEqual([]);
}

function expectOrdered(trace: readonly TraceEvent[]): void {
  for (let i = 1; i < trace.length; i++) expect(trace[i]!.t).toBeGreaterThanOrEqual(trace[i - 1]!.t);
}

async function runLesson(lesson: string, speed: number) {
  const { scenario, roles } = await chooseExercise({ target: lesson, solution: true });
  const { checks, ...data } = scenario;
  const result = await runReal({ scenario: data, roles, seed: 1, speed, runner });
  const { pids: _pids, ...run } = result;
  return { result, verdicts: (checks ?? []).map((check) => judge(check, run)) };
}

describe('real mode', () => {
  it.each([
    // Fast enough to keep CI short, slow enough that a busy machine's scheduling stays inside the checks' margins.
    ['request-reply', 2],
    // Real time: a restart here is a new process booting (real ms, slower on a loaded machine), and its
    // check wants an answer within a second of the restart; at 2x a busy machine's boot ate that second.
    ['event-sourcing', 1],
    // Its client gives up after 2 s and sends every 100 ms: real time, so a loaded machine keeps its margin.
    ['replicated-service', 1],
  ])(
    '%s: the solution passes its checks on the real trace, and no process is left',
    async (lesson, speed) => {
      const { result, verdicts } = await runLesson(lesson, speed);
      expect(verdicts.filter((v) => !v.passed)).toEqual([]);
      expect(verdicts.length).toBeGreaterThan(0);
      expectOrdered(result.trace);
      // The crash and restart happened for real: a new process, a new incarnation.
      expect(result.trace.some((e) => e.kind === 'crash')).toBe(true);
      expect(result.trace.some((e) => e.kind === 'restart' && e.incarnation === 1)).toBe(true);
      await expectNoneLeft(result);
    },
    40_000,
  );

  it('storage survives a crash and restart; memory does not', async () => {
    const counter: RoleSource = {
      role: 'counter',
      file: 'roles/counter.ts',
      source: `
        export default function (node) {
          let inMemory = 0;
          const fromStorage = Number(node.storage.get('count') ?? 0);
          node.state = { booted: { inMemory, fromStorage } };
          node.every(50, () => {
            inMemory += 1;
            node.storage.set('count', Number(node.storage.get('count') ?? 0) + 1);
            node.state = { booted: { inMemory: 0, fromStorage }, inMemory };
          });
        }`,
    };
    const scenario: ScenarioData = {
      id: 'counter',
      title: 'counter',
      roles: { counter: { file: 'roles/counter.ts' } },
      faults: [
        { at: 1000, kind: 'crash', node: 'counter' },
        { at: 1200, kind: 'restart', node: 'counter' },
      ],
      // Long after the restart: a new process on a busy machine may take a while to be up.
      until: 4000,
    };
    const result = await runReal({ scenario, roles: [counter], seed: 1, speed: 2, runner });
    const boots = result.trace.filter(
      (e): e is Extract<TraceEvent, { kind: 'state' }> =>
        e.kind === 'state' && (e.state as { inMemory?: number }).inMemory === undefined,
    );
    expect(boots).toHaveLength(2);
    const before = result.trace.filter((e) => e.kind === 'storage' && e.t < 1000).length;
    const second = (boots[1]!.state as { booted: { inMemory: number; fromStorage: number } }).booted;
    // The new process started from the count on disk, and from nothing in memory.
    expect(second.inMemory).toBe(0);
    expect(second.fromStorage).toBeGreaterThanOrEqual(before - 1);
    expect(second.fromStorage).toBeGreaterThan(5);
    expect(result.nodes[0]!.storage.count).toBeGreaterThan(second.fromStorage);
    await expectNoneLeft(result);
  }, 20_000);

  it('a role that does not compile is one line naming its file and line', async () => {
    const { scenario, roles } = await chooseExercise({ target: 'request-reply' });
    const { checks: _checks, ...data } = scenario;
    const broken = roles.map((r) =>
      r.role === 'server' ? { ...r, source: 'export default (node) => {\n  node.on(\n' } : r,
    );
    const error = await runReal({ scenario: data, roles: broken, seed: 1, runner }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealModeError);
    expect((error as Error).message).toMatch(
      /^node server \(roles\/server\.ts\) failed to start: roles\/server\.ts:\d+:\d+: /,
    );
    expect((error as Error).message).not.toContain('\n');
  }, 20_000);
});

describe('the real-mode CLI', () => {
  /** Start `npm run real` on request-reply, wait for every node to be up; resolves with it and their pids. */
  async function startCli(): Promise<{ cli: ChildProcess; pids: number[] }> {
    const cli = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/real.ts', 'request-reply', '--solution'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    const pids = await new Promise<number[]>((resolve, reject) => {
      cli.stderr!.setEncoding('utf8');
      cli.stderr!.on('data', (text: string) => {
        err += text;
        const m = /all up \(pids ([\d ]+)\)/.exec(err);
        if (m) resolve(m[1]!.split(' ').map(Number));
      });
      cli.on('exit', () => reject(new Error(`the CLI exited early: ${err}`)));
    });
    return { cli, pids };
  }

  it.each(['SIGKILL', 'SIGINT'] as const)(
    'when the launcher gets %s, every node process goes with it',
    async (signal) => {
      const { cli, pids } = await startCli();
      expect(pids.length).toBeGreaterThanOrEqual(3);
      expect(pids.filter(alive)).toEqual(pids);
      const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
      cli.kill(signal);
      const code = await exited;
      if (signal === 'SIGINT') expect(code).toBe(130);
      // SIGKILL gives the launcher no say: the children notice their IPC channel close and exit.
      await expect.poll(() => pids.filter(alive), { timeout: 5000 }).toEqual([]);
    },
    30_000,
  );
});

describe('the container runner (no launcher: configured by its environment, as in the Kubernetes bundle)', () => {
  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  /** Start one node from the bundled runner; collects its stdout trace. */
  function startNode(env: Record<string, string>) {
    const events: TraceEvent[] = [];
    const child = spawn(process.execPath, [runner], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      buffer += text;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line) events.push(JSON.parse(line) as TraceEvent);
    });
    return { child, events };
  }

  it('a port already in use is one clear line', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const port = (taken.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'playground-cluster-'));
    writeFileSync(join(dir, 'a.ts'), 'export default function () {}');
    try {
      const node = spawn(process.execPath, [runner], {
        env: {
          ...process.env,
          PLAYGROUND_ROLE: 'a',
          PLAYGROUND_ROLE_FILE: 'a.ts',
          PLAYGROUND_CODE_DIR: dir,
          PLAYGROUND_NODE_ID: 'a',
          PORT: String(port),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      node.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise<number | null>((resolve) => node.on('exit', resolve));
      expect(code).toBe(1);
      expect(err.trim()).toBe(`port ${port} on 0.0.0.0 is already in use`);
    } finally {
      taken.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('finds its peers from the environment, keeps storage in its directory across a kill, and says spawn is not supported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playground-cluster-'));
    writeFileSync(
      join(dir, 'server.ts'),
      `export default function (node) {
         const boots = Number(node.storage.get('boots') ?? 0) + 1;
         node.storage.set('boots', boots);
         node.state = { boots };
         node.on('echo', (msg) => node.reply(msg, { text: 'Echo: ' + msg.body.text, boots }));
       }`,
    );
    writeFileSync(
      join(dir, 'client.ts'),
      `export default function (node) {
         const [server] = node.peers('server');
         node.every(50, async () => {
           try { await node.rpc(server, 'echo', { text: 'hi' }, { timeout: 40 }); } catch {}
         });
         node.spawn('client');
       }`,
    );
    const [serverPort, clientPort] = [await freePort(), await freePort()];
    const peers = JSON.stringify([
      { id: 'server', role: 'server', url: `http://127.0.0.1:${serverPort}` },
      { id: 'client', role: 'client', url: `http://127.0.0.1:${clientPort}` },
    ]);
    const common = { PLAYGROUND_CODE_DIR: dir, PLAYGROUND_PEERS: peers };
    const serverEnv = {
      ...common,
      PLAYGROUND_ROLE: 'server',
      PLAYGROUND_ROLE_FILE: 'server.ts',
      // A StatefulSet Pod: its id comes from the ordinal at the end of its hostname.
      PLAYGROUND_NODE_IDS: '["server"]',
      HOSTNAME: 'server-0',
      PLAYGROUND_STORAGE_DIR: join(dir, 'data'),
      PORT: String(serverPort),
    };
    const pids: number[] = [];
    try {
      const first = startNode(serverEnv);
      const client = startNode({
        ...common,
        PLAYGROUND_ROLE: 'client',
        PLAYGROUND_ROLE_FILE: 'client.ts',
        PLAYGROUND_NODE_ID: 'client',
        PORT: String(clientPort),
      });
      pids.push(first.child.pid!, client.child.pid!);
      await expect
        .poll(() => client.events.some((e) => e.kind === 'deliver' && e.type === 'echo_ok'), {
          timeout: 10_000,
        })
        .toBe(true);
      expect(client.events.find((e) => e.kind === 'error')).toMatchObject({
        message: expect.stringContaining('not supported in a cluster'),
      });
      first.child.kill('SIGKILL');
      const second = startNode(serverEnv);
      pids.push(second.child.pid!);
      await expect
        .poll(() => second.events.find((e) => e.kind === 'state'), { timeout: 10_000 })
        .toMatchObject({ state: { boots: 2 } });
      client.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
    } finally {
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    await expect.poll(() => pids.filter(alive), { timeout: 3000 }).toEqual([]);
  }, 30_000);
});

describe('faults for real', () => {
  it('partitions drop on the outbound path, a paused process hears nothing until it resumes, and loss is drawn from the seed', async () => {
    const roles: RoleSource[] = [
      {
        role: 'pinger',
        file: 'roles/pinger.ts',
        source: `export default function (node) {
          let n = 0;
          node.every(40, () => node.send('ponger', 'ping', { n: ++n }));
        }`,
      },
      {
        role: 'ponger',
        file: 'roles/ponger.ts',
        source: `export default function (node) { node.on('ping', (msg) => node.reply(msg, {})); }`,
      },
    ];
    const scenario: ScenarioData = {
      id: 'faults',
      title: 'faults',
      roles: { pinger: { file: 'roles/pinger.ts' }, ponger: { file: 'roles/ponger.ts' } },
      network: { defaults: { latency: { kind: 'constant', ms: 2 }, loss: 0.3 } },
      faults: [
        { at: 500, kind: 'partition', from: 'pinger', to: 'ponger' },
        { at: 1000, kind: 'heal', from: 'pinger', to: 'ponger' },
        { at: 1500, kind: 'pause', node: 'ponger' },
        { at: 2000, kind: 'resume', node: 'ponger' },
      ],
      until: 2600,
    };
    const result = await runReal({ scenario, roles, seed: 7, runner });
    const at = (kind: string) => result.trace.find((e) => e.kind === kind)!.t;
    const [partition, heal, pause, resume] = ['partition', 'heal', 'pause', 'resume'].map(at) as number[];
    expect(partition).toBeGreaterThanOrEqual(500);
    expect(resume).toBeGreaterThanOrEqual(2000);

    const drops = result.trace.filter((e): e is Extract<TraceEvent, { kind: 'drop' }> => e.kind === 'drop');
    const partitioned = drops.filter((d) => d.reason === 'partition');
    expect(partitioned.length).toBeGreaterThan(3);
    for (const d of partitioned) {
      expect(d.t).toBeGreaterThanOrEqual(partition!);
      expect(d.t).toBeLessThanOrEqual(heal! + 50);
    }
    // Paused (SIGSTOP): the ponger handles nothing until SIGCONT, then what waited on its socket. Each
    // process reads its own clock (timeOrigin + now), and two processes' clocks agree to well under 1 ms.
    const pongerDelivers = result.trace.filter((e) => e.kind === 'deliver' && e.node === 'ponger');
    expect(pongerDelivers.filter((e) => e.t > pause! + 50 && e.t < resume! - 1)).toEqual([]);
    expect(pongerDelivers.some((e) => e.t >= resume!)).toBe(true);

    // Loss is the kernel's own draw per message id: the same Network decides the same fate.
    const model = new Network(7, scenario.network!.defaults);
    const lost = new Set(drops.filter((d) => d.reason === 'loss').map((d) => d.messageId));
    const sends = result.trace.filter((e): e is Extract<TraceEvent, { kind: 'send' }> => e.kind === 'send');
    expect(lost.size).toBeGreaterThan(5);
    for (const { message, t } of sends) {
      if (partitioned.some((d) => d.messageId === message.id)) continue;
      // A send in the run's last moments may still be on its way through the filter when the launcher
      // stops the processes (real time): its fate is then never written. Only earlier sends are judged.
      if (t > scenario.until - 150) continue;
      expect(lost.has(message.id), message.id).toBe(model.route(message, t).dropped === 'loss');
    }
    await expectNoneLeft(result);
  }, 30_000);
});
