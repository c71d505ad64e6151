/**
 * The page's side of a sandboxed node frame (node-frame-document.ts): it builds the hidden
 * `<iframe sandbox="allow-scripts">`, hands it the node Worker's source, and relays the owner's control
 * messages (node-frame-protocol.ts) to it. The owner is a browser engine on this page, or a Check Worker
 * (which cannot make an iframe: it gets `port`, transferred). Relaying costs a few posts per node per run.
 *
 * A ping watchdog: a frame whose process died (runaway memory in one node crashes the whole frame process,
 * DESIGN.md section 6) stops answering; the frame is then rebuilt and the owner told which Workers are gone
 * (`lost`), so their nodes are reported as stopped with that reason instead of hanging the run.
 */
import nodeWorkerUrl from './node-worker.ts?worker&url';
import { FRAME_DOCUMENT } from './node-frame-document';
import { NODE_FRAME_TITLE, type FrameHello, type FromFrame, type ToFrame } from './node-frame-protocol';
import { FRAME_LOST_REASON } from './watchdog-text';

/**
 * A frame silent this long (pinged twice a second) is taken for dead. Not shorter: starting a node Worker
 * hands the frame's thread the whole runtime as a `data:` URL (~300 KB), and 32 of them at once kept a loaded
 * machine's frame silent for over 2 s, so a 2 s limit rebuilt a healthy frame mid-start. Meanwhile the
 * owner's watchdogs wait (FRAME_SUSPECT_MS), so a frame that truly died is reported as lost, not as spinning.
 */
const FRAME_SILENCE_MS = 10_000;
const PING_EVERY_MS = 500;
/**
 * A frame silent this long is suspect: the owner hears `answering: false`, and its watchdogs blame no node
 * meanwhile (a node in a silent frame is not spinning: the frame is busy starting Workers, or dead). Without
 * this, a dead frame's nodes were each reported as "an infinite loop?" 3 s into their batch, before the
 * rebuild could say what happened.
 */
const FRAME_SUSPECT_MS = 1_500;

export interface NodeFrame {
  /** The owner's control port (transferable once, e.g. to a Check Worker). */
  readonly port: MessagePort;
  /** Frames built so far (1 + rebuilds), for tests. */
  builds(): number;
  /** False while the frame has not answered a ping for FRAME_SUSPECT_MS (it may be about to be rebuilt). */
  answering(): boolean;
  /** Remove the frame: every Worker in it, nested ones too, ends with it. */
  dispose(): void;
}

let source: Promise<string> | undefined;
/** The bundled node Worker as text (one file: `worker.format: 'es'`, no imports), fetched once per page. */
function workerSource(): Promise<string> {
  source ??= fetch(nodeWorkerUrl).then((response) => {
    if (!response.ok) throw new Error(`the node Worker's code did not load (${response.status})`);
    return response.text();
  });
  return source;
}

/** True where node Workers run in the frame; the dev server's Worker is unbundled modules (see spawner). */
export const FRAMED = !import.meta.env.DEV;
export { nodeWorkerUrl };

/** Live frames, for the test build's switch below. */
const liveFrames = new Set<{ hang(): void; builds(): number }>();

/**
 * Test builds only (app/test-api.ts exposes it when PLAYGROUND_TEST_API=1): every live frame ends its Workers
 * and stops answering pings, as a frame whose process died would, so an e2e test can watch the page rebuild
 * it (crashing the frame's process through CDP takes Playwright's whole page down). The message travels on
 * the page's own port to the frame, which no owner and no learner code holds. Returns how many frames.
 */
export function stopFramesAnsweringForTests(): number {
  for (const frame of liveFrames) frame.hang();
  return liveFrames.size;
}

/** Test builds only: how many times each live frame was built (1 + rebuilds). */
export function frameBuildsForTests(): number[] {
  return [...liveFrames].map((frame) => frame.builds());
}

export function createNodeFrame(): NodeFrame {
  const owner = new MessageChannel();
  const alive = new Set<number>();
  let frame: { iframe: HTMLIFrameElement; port: MessagePort } | undefined;
  let lastPong = 0;
  let ready = false;
  /** What the owner was last told (`answering`). */
  let answering = true;
  let pings = 0;
  let builds = 0;
  let disposed = false;

  const toOwner = (message: FromFrame) => owner.port2.postMessage(message);

  const build = () => {
    builds++;
    ready = false;
    const channel = new MessageChannel();
    const iframe = document.createElement('iframe');
    // Opaque origin, scripts only: never allow-same-origin (the frame could then reach this page).
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.title = NODE_FRAME_TITLE;
    iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    iframe.srcdoc = FRAME_DOCUMENT;
    channel.port1.onmessage = (event: MessageEvent<FromFrame>) => {
      const data = event.data;
      if (data.kind === 'ready' || data.kind === 'pong') {
        ready = true;
        lastPong = performance.now();
        if (!answering) toOwner({ kind: 'answering', answering: (answering = true) });
        return;
      }
      toOwner(data);
    };
    // The boot script says it is up (a load event may be the initial about:blank's): answer that window.
    const up = (event: MessageEvent) => {
      if (event.source !== iframe.contentWindow || (event.data as { kind?: string })?.kind !== 'frame-up')
        return;
      removeEventListener('message', up);
      const target = event.source as Window;
      void workerSource().then((text) => {
        if (frame?.iframe !== iframe) return;
        const hello: FrameHello = { kind: 'hello', source: text };
        target.postMessage(hello, '*', [channel.port2]);
      });
    };
    addEventListener('message', up);
    document.body.append(iframe);
    frame = { iframe, port: channel.port1 };
  };

  const toFrame = (message: ToFrame, transfer: Transferable[] = []) =>
    frame?.port.postMessage(message, transfer);

  owner.port2.onmessage = (event: MessageEvent<ToFrame>) => {
    const data = event.data;
    if (data.kind === 'spawn') alive.add(data.id);
    if (data.kind === 'terminate') alive.delete(data.id);
    if (data.kind === 'hang') return; // the page's test switch only
    toFrame(data, [...event.ports]);
  };

  const watchdog = setInterval(() => {
    if (!ready) return;
    const silent = performance.now() - lastPong;
    if (silent > FRAME_SUSPECT_MS && answering)
      toOwner({ kind: 'answering', answering: (answering = false) });
    if (silent > FRAME_SILENCE_MS) {
      const ids = [...alive];
      alive.clear();
      frame?.port.close();
      frame?.iframe.remove();
      build();
      if (ids.length > 0) toOwner({ kind: 'lost', ids, reason: FRAME_LOST_REASON });
      return;
    }
    toFrame({ kind: 'ping', n: ++pings });
  }, PING_EVERY_MS);

  const live = { hang: () => toFrame({ kind: 'hang' }), builds: () => builds };
  liveFrames.add(live);
  build();
  return {
    port: owner.port1,
    builds: () => builds,
    answering: () => !ready || performance.now() - lastPong <= FRAME_SUSPECT_MS,
    dispose() {
      if (disposed) return;
      disposed = true;
      liveFrames.delete(live);
      clearInterval(watchdog);
      owner.port2.close();
      frame?.port.close();
      frame?.iframe.remove();
      frame = undefined;
    },
  };
}
