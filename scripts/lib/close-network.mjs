// Closes the network to the contained child (guarded.ts `runContained`) before any learner code loads: Node
// 20's permission model covers files, child processes, Workers and addons, not sockets. Role code runs in a
// vm context with no `net`, `fetch` or `process`; this is for code that escaped it. Under the model,
// `process.binding('tcp_wrap')` (and every other binding) is refused with ERR_ACCESS_DENIED and
// `internalBinding` is not reachable at all, so the JS modules patched here are the only doors left: every
// TCP connection (net, tls, http, https, http2, undici) goes through `net.Socket.prototype.connect`, every
// listener through `net.Server.prototype.listen`, UDP through `dgram`, name lookups through `dns`.
// Plain JavaScript (loaded by the boot files before the TypeScript loader), once per thread: a worker thread
// has built-in modules of its own, so guarded-worker-boot.mjs loads this too.
import { syncBuiltinESMExports } from 'node:module';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import workerThreads from 'node:worker_threads';

function refusal(what) {
  const error = new Error(`${what}: the network is closed to role code in a contained run`);
  error.code = 'ERR_ACCESS_DENIED';
  return error;
}

/** Replace `target[name]` for good (not writable, not configurable): no original is left to restore. */
function close(target, names, prefix, { async = false } = {}) {
  for (const name of names) {
    if (typeof target[name] !== 'function') continue;
    const what = `${prefix}.${name}`;
    const refused = async
      ? () => Promise.reject(refusal(what))
      : () => {
          throw refusal(what);
        };
    Object.defineProperty(target, name, {
      value: refused,
      writable: false,
      configurable: false,
      enumerable: true,
    });
  }
}

/** dns's lookup, lookupService, resolve*, reverse: every function that asks a resolver. */
const dnsNames = (target) =>
  Object.getOwnPropertyNames(target).filter((n) => /^(lookup|resolve|reverse)/.test(n));

/**
 * `threads`: also refuse new worker threads (the thread learner code runs in needs none): a new thread would
 * get built-in modules of its own, with the network open (the permission model's --allow-worker is the job's).
 */
export function closeNetwork({ threads = false } = {}) {
  if (threads)
    Object.defineProperty(workerThreads, 'Worker', {
      value: function Worker() {
        throw refusal('worker_threads.Worker');
      },
      writable: false,
      configurable: false,
      enumerable: true,
    });
  close(net, ['connect', 'createConnection', 'createServer'], 'net');
  close(net.Socket.prototype, ['connect'], 'net.Socket');
  close(net.Server.prototype, ['listen'], 'net.Server');
  close(tls, ['connect', 'createServer'], 'tls');
  close(dgram, ['createSocket'], 'dgram');
  close(dgram.Socket.prototype, ['bind', 'connect', 'send'], 'dgram.Socket');
  for (const [name, module] of [
    ['http', http],
    ['https', https],
  ])
    close(module, ['request', 'get', 'createServer'], name);
  close(http2, ['connect', 'createServer', 'createSecureServer'], 'http2');
  close(dns, dnsNames(dns), 'dns');
  close(dns.Resolver.prototype, dnsNames(dns.Resolver.prototype), 'dns.Resolver');
  close(dns.promises, dnsNames(dns.promises), 'dns.promises', { async: true });
  close(dns.promises.Resolver.prototype, dnsNames(dns.promises.Resolver.prototype), 'dns.promises.Resolver', {
    async: true,
  });
  close(globalThis, ['fetch'], 'fetch', { async: true });
  for (const name of ['WebSocket', 'EventSource'])
    if (name in globalThis)
      Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
  // `import { connect } from 'node:net'` reads a snapshot of the exports: bring it up to date.
  syncBuiltinESMExports();
}
