/**
 * The document of the sandboxed frame that node Workers start in (DESIGN.md section 6): an `srcdoc` of an
 * `<iframe sandbox="allow-scripts">` (an opaque origin: no storage, cookies, parent DOM), whose CSP refuses
 * every network request (`connect-src 'none'`, and `default-src 'none'` for scripts, imports, images...),
 * and lets run only its own boot script (by hash) and the `data:` module Workers it starts. A `data:` Worker
 * inherits this policy, so role code there cannot `fetch`, `import()` a URL, open a socket or start a Worker
 * of another kind; each `data:` Worker is an opaque origin of its own (no BroadcastChannel between nodes)
 * and a secure context (crypto.subtle stays). `'unsafe-eval'`: the node runtime evaluates the compiled role
 * with `new Function` (role-module.ts); eval reaches nothing the code could not do anyway.
 *
 * The document is a string of the app's bundle (not a file the server must send), so it works from any
 * static host, sub-path, the dev server and offline alike. The hash is checked by node-frame-document.test.ts.
 *
 * The boot script speaks the frame protocol (node-frame-protocol.ts) on the one port its parent hands it. A
 * `spawn` with a `source` starts a Worker of that code instead of the node Worker (the sealed check Worker,
 * app/check/sealed-check.worker.ts): under this same policy, whatever the code is.
 */

/** The boot script, verbatim: its SHA-256 is in the CSP below (FRAME_BOOT_SHA256). Keep it plain ES2020. */
export const FRAME_BOOT = `(() => {
  let url = '';
  const workers = new Map();
  let control = null;
  const send = (message) => control.postMessage(message);
  let hung = false;
  const onControl = (event) => {
    const m = event.data;
    if (hung) return;
    if (m.kind === 'hang') {
      hung = true;
      for (const worker of workers.values()) worker.terminate();
      return workers.clear();
    }
    if (m.kind === 'ping') return send({ kind: 'pong', n: m.n });
    if (m.kind === 'post') return workers.get(m.id)?.postMessage(m.data, event.ports);
    if (m.kind === 'terminate') {
      workers.get(m.id)?.terminate();
      return workers.delete(m.id);
    }
    if (m.kind !== 'spawn' || workers.has(m.id)) return;
    const src = m.source === undefined ? url : 'data:text/javascript;charset=utf-8,' + encodeURIComponent(m.source);
    const worker = new Worker(src, { type: 'module', name: String(m.id) });
    worker.onmessage = (e) => send({ kind: 'message', id: m.id, data: e.data });
    worker.onmessageerror = () => send({ kind: 'error', id: m.id, message: 'a message could not be read' });
    worker.onerror = (e) => {
      e.preventDefault();
      send({ kind: 'error', id: m.id, message: String(e.message || 'the Worker failed to start') });
    };
    workers.set(m.id, worker);
  };
  addEventListener('message', (event) => {
    const m = event.data;
    if (event.source !== parent || control || !m || m.kind !== 'hello') return;
    url = 'data:text/javascript;charset=utf-8,' + encodeURIComponent(m.source);
    control = event.ports[0];
    control.onmessage = onControl;
    send({ kind: 'ready' });
  });
  parent.postMessage({ kind: 'frame-up' }, '*');
})();`;

/** base64 SHA-256 of FRAME_BOOT (node-frame-document.test.ts recomputes it). */
export const FRAME_BOOT_SHA256 = 'V0zOSp9sIlTzi+NTsSdY1iqnmDt/tm4Wx89aorwVU28=';

export const FRAME_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${FRAME_BOOT_SHA256}' 'unsafe-eval'`,
  'worker-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The frame's whole document (for `iframe.srcdoc`). */
export const FRAME_DOCUMENT = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}">
<title>node Workers</title></head><body><script>${FRAME_BOOT}</script></body></html>`;
