/**
 * The raw baseline's echo Worker: answers each `echo` with an `echo_ok` and each `echo_ok` with a new `echo`
 * to a random peer, all of a tick's messages in one array, one post back per tick. Messages are shaped like
 * the simulation's (string ids, from/to, type, body, sentAt) so structured clone costs the same.
 */
import { nodeName, type BaselineMessage } from './bench-wire';
interface Init {
  init: { id: number; n: number; inFlight: number };
}

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ kind: 'port'; port: MessagePort }>) => void) | null;
}

let id = 0;
let n = 1;
let counter = 0;
let tick = 0;
let rng = 0x9e3779b9;

function random(): number {
  // xorshift32: cheap, seeded, good enough to pick peers.
  rng ^= rng << 13;
  rng ^= rng >>> 17;
  rng ^= rng << 5;
  return (rng >>> 0) / 4294967296;
}

function pick(): string {
  const peer = Math.floor(random() * (n - 1));
  return nodeName(peer >= id ? peer + 1 : peer);
}

function echo(out: BaselineMessage[]): void {
  out.push({
    id: `${nodeName(id)}#${counter++}`,
    from: nodeName(id),
    to: pick(),
    type: 'echo',
    body: {},
    sentAt: tick,
  });
}

function handle(batch: BaselineMessage[] | Init): BaselineMessage[] {
  const out: BaselineMessage[] = [];
  tick++;
  if (!Array.isArray(batch)) {
    ({ id, n } = batch.init);
    rng = (rng ^ Math.imul(id + 1, 0x85ebca6b)) | 1;
    for (let i = 0; i < batch.init.inFlight; i++) echo(out);
    return out;
  }
  for (const message of batch) {
    if (message.type === 'echo') {
      out.push({
        id: `${nodeName(id)}#${counter++}`,
        from: nodeName(id),
        to: message.from,
        type: 'echo_ok',
        body: {},
        inReplyTo: message.id,
        sentAt: tick,
      });
    } else {
      echo(out);
    }
  }
  return out;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (event) => {
  const port = event.data.port;
  port.onmessage = (e: MessageEvent<BaselineMessage[] | Init>) => port.postMessage(handle(e.data));
};
