/**
 * Headless runs of hostile or broken learner code, as the CLI and lessons:verify run it (runGuarded: a worker
 * thread over a GuardedHost): the run goes on and the trace says what went wrong, on the right node.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RoleSource, TraceEvent } from '../../workers/kernel/protocol';
import { RunawayError, runContained, runGuarded } from './guarded';
import { findLesson } from './lesson-loader';

/** request-reply's starter with the server's code replaced by `source`. */
async function runWithServer(source: string): Promise<readonly TraceEvent[]> {
  const lesson = await findLesson('request-reply');
  if (!lesson) throw new Error('request-reply is missing');
  const roles: RoleSource[] = lesson.starter.map((r) =>
    r.role === 'server' ? { role: 'server', file: 'roles/hostile.ts', source } : r,
  );
  // The client's first burst of three deposits (at 1 s) lands before seed 1's nemesis pauses the server.
  const outcome = await runGuarded({ lessonId: lesson.id, roles, mode: 'run', seeds: [1], until: 3000 });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result.trace;
}

const errorsOf = (trace: readonly TraceEvent[], node: string) =>
  trace.flatMap((e) => (e.kind === 'error' && e.node === node ? [e] : []));

/**
 * A server that runs `before`, tries each of `tries` (an object literal of name: () => attempt, with `g` the
 * real global), logs `name <error code>` (or `name REACHED`), runs `after`, then serves deposits.
 */
const escapingServer = ({
  before = '',
  tries,
  after = '',
}: {
  before?: string;
  tries: string;
  after?: string;
}) =>
  `export default function server(node) {
  const g = Function('return this')();
  ${before}
  const tries = ${tries};
  for (const [name, act] of Object.entries(tries)) {
    try {
      act();
      node.log(name, 'REACHED');
    } catch (err) {
      node.log(name, err.code);
    }
  }
  ${after}
  node.on('deposit', (msg) => node.reply(msg, { balance: msg.body.amount }));
}`;

/**
 * request-reply with `server` as its server, in the contained child, in-process: role code shares the job's
 * realm and has the real `process`, as code that escaped its vm context would.
 */
async function runEscaped(server: string): Promise<readonly TraceEvent[]> {
  const lesson = (await findLesson('request-reply'))!;
  const roles: RoleSource[] = lesson.starter.map((r) =>
    r.role === 'server' ? { role: 'server', file: 'roles/escaped.ts', source: server } : r,
  );
  const outcome = await runContained({
    lessonId: lesson.id,
    roles,
    mode: 'run',
    seeds: [1],
    until: 2000,
    host: 'in-process',
  });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.result.trace;
}

const logsOf = (trace: readonly TraceEvent[], node: string) =>
  trace.flatMap((e) => (e.kind === 'log' && e.node === node ? [e.text] : []));

describe('headless runs of hostile role code', { timeout: 60_000 }, () => {
  it('an unhandled rejection is an error event on its node, and the run goes on', async () => {
    const trace = await runWithServer(`export default function server(node) {
      node.on('deposit', (msg) => {
        Promise.reject(new Error('nobody waits for me'));
        node.reply(msg, { balance: msg.body.amount });
      });
    }`);
    const errors = errorsOf(trace, 'server');
    expect(errors.length).toBeGreaterThan(1);
    expect(errors[0]).toMatchObject({
      message: 'unhandled rejection: Error: nobody waits for me',
      where: { file: 'roles/hostile.ts', line: 3 },
    });
    // One per delivery, in order, none before the delivery whose handler made it. A synchronous handler's
    // rejection is seen at the node's next yield (node-runtime.ts, the cheap path), so two deliveries in
    // one batch (here 5 ms apart at 1 s) both report at the later one's time: later, but the same every run.
    const delivered = trace.filter((e) => e.kind === 'deliver' && e.node === 'server').map((e) => e.t);
    expect(delivered.length).toBeGreaterThan(1);
    expect(errors).toHaveLength(delivered.length);
    errors.forEach((e, i) => expect(e.t).toBeGreaterThanOrEqual(delivered[i]!));
    expect(errors.map((e) => e.t)).toEqual([...errors.map((e) => e.t)].sort((a, b) => a - b));
    expect(trace.some((e) => e.kind === 'send' && e.node === 'server')).toBe(true);
  });

  it('a role that reaches for process, child_process, fs and a socket gets one error per attempt', async () => {
    const trace = await runWithServer(`export default function server(node) {
  const load = new Function('u', 'return import(u)');
  node.setTimer(1, () => process.getBuiltinModule('node:child_process').execSync('true'));
  node.setTimer(2, () => load('node:fs').then((fs) => fs.writeFileSync('/tmp/never', 'x')));
  node.setTimer(3, () => load('node:net').then((net) => net.connect(9, '127.0.0.1')));
  node.setTimer(4, () => globalThis.require('node:child_process'));
  node.on('deposit', (msg) => node.reply(msg, { balance: msg.body.amount }));
}`);
    expect(errorsOf(trace, 'server').map((e) => [e.t, e.message, e.where?.line])).toEqual([
      [1, 'ReferenceError: process is not defined', 3],
      [2, expect.stringMatching(/ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING|dynamic import/i), 4],
      [3, expect.stringMatching(/ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING|dynamic import/i), 5],
      [4, 'TypeError: globalThis.require is not a function', 6],
    ]);
  });

  it('an allocation past the heap cap aborts only the contained run, and the node is named', async () => {
    const lesson = (await findLesson('request-reply'))!;
    const roles: RoleSource[] = lesson.starter.map((r) =>
      r.role === 'server'
        ? {
            role: 'server',
            file: 'roles/hog.ts',
            // 80 MB at a time: more than the 16 MB Node's worker rescue grants past the cap, so V8 aborts the
            // process the run is in (the child), not this one.
            source: `export default (node) => node.on('deposit', () => {
  const hog = [];
  for (;;) hog.push(new Array(1e7).fill(1.5));
});`,
          }
        : r,
    );
    process.env.PLAYGROUND_MEMORY_LIMIT_MB = '128';
    try {
      // A budget long enough that the heap, not the watchdog, stops the run.
      const run = runContained({ lessonId: lesson.id, roles, mode: 'run', seeds: [1] }, { budgetMs: 40_000 });
      await expect(run).rejects.toBeInstanceOf(RunawayError);
      await expect(run).rejects.toThrow(
        /^node server \(roles\/hog\.ts:1\) handling 'deposit' from client.*: used more than 128 MB of memory; the run was stopped$/,
      );
    } finally {
      delete process.env.PLAYGROUND_MEMORY_LIMIT_MB;
    }
  });

  it('a huge allocation in a handler is reported as memory, not as an infinite loop', async () => {
    const lesson = (await findLesson('request-reply'))!;
    const roles: RoleSource[] = lesson.starter.map((r) =>
      r.role === 'server'
        ? {
            role: 'server',
            file: 'roles/hog.ts',
            // A dictionary-mode array (too long for fast elements): the fill grows the heap for minutes.
            source: `export default (node) => {
  node.on('deposit', () => {
    const hog = new Array(3e8).fill(1);
    node.log(hog.length);
  });
};`,
          }
        : r,
    );
    // The watchdog's 3 s names it (V8 would take minutes near the cap before it gave up).
    const run = runContained({ lessonId: lesson.id, roles, mode: 'run', seeds: [1] });
    await expect(run).rejects.toBeInstanceOf(RunawayError);
    await expect(run).rejects.toThrow(
      /^node server \(roles\/hog\.ts:2\) handling 'deposit' from client.*: was running out of memory \(\d+ MB more within 3 s and still allocating, toward the 2048 MB cap: a huge allocation\?\); the run was stopped$/,
    );
  });

  it("the contained child runs under Node's permission model: code past the vm gets no child process or writes", async () => {
    // What the role tries is refused by the process itself.
    const tries = `{
    childProcess: () => g.process.getBuiltinModule('child_process').execFileSync('id'),
    spawnWorker: () => g.process.getBuiltinModule('child_process').spawn('sh', ['-c', 'id']),
    write: () => g.process.getBuiltinModule('fs').writeFileSync(g.process.getBuiltinModule('os').tmpdir() + '/playground-escape-probe', 'x'),
    readOutside: () => g.process.getBuiltinModule('fs').readFileSync('/etc/passwd', 'utf8'),
  }`;
    const said = logsOf(await runEscaped(escapingServer({ tries })), 'server');
    expect(said.slice(0, 4)).toEqual([
      'childProcess ERR_ACCESS_DENIED',
      'spawnWorker ERR_ACCESS_DENIED',
      'write ERR_ACCESS_DENIED',
      'readOutside ERR_ACCESS_DENIED',
    ]);
  });

  it('the contained child has no network: code past the vm gets an error from net, http, fetch, and nothing connects', async () => {
    // A listener on 127.0.0.1 that counts who connects; it closes itself after 30 s whatever happens.
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const closer = setTimeout(() => server.close(), 30_000);
    const { port } = server.address() as { port: number };
    try {
      const tries = `{
    net: () => get('net').connect(${port}, '127.0.0.1'),
    socket: () => new (get('net').Socket)().connect(${port}, '127.0.0.1'),
    http: () => get('http').get(url),
    agent: () => new (get('http').ClientRequest)(url),
    tls: () => get('tls').connect(${port}, '127.0.0.1'),
    udp: () => get('dgram').createSocket('udp4'),
    dns: () => get('dns').lookup('localhost', () => undefined),
    binding: () => g.process.binding('tcp_wrap'),
    thread: () => new (get('worker_threads').Worker)('require("net").connect(${port}, "127.0.0.1")', { eval: true }),
  }`;
      const url = `http://127.0.0.1:${port}/`;
      const role = escapingServer({
        before: `const get = (name) => g.process.getBuiltinModule(name);\n  const url = '${url}';`,
        tries,
        after: "g.fetch(url).then(() => node.log('fetch', 'REACHED'), (err) => node.log('fetch', err.code));",
      });
      const trace = await runEscaped(role);
      const said = logsOf(trace, 'server');
      expect(said.slice(0, 10).sort()).toEqual(
        ['net', 'socket', 'http', 'agent', 'tls', 'udp', 'dns', 'binding', 'thread', 'fetch']
          .map((name) => `${name} ERR_ACCESS_DENIED`)
          .sort(),
      );
      // The run went on: the server answered deposits.
      expect(trace.some((e) => e.kind === 'send' && e.node === 'server')).toBe(true);
      expect(connections).toBe(0);
    } finally {
      clearTimeout(closer);
      server.close();
    }
  });
});
