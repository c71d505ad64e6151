/**
 * A listener on 127.0.0.1 (a random port) that counts every TCP connection made to it, whatever the protocol
 * (fetch, XHR, EventSource, a WebSocket upgrade, a module import): what the containment specs assert stays at
 * zero. Closed by `close()`, and by itself after `lifetimeMs` in any case.
 */
import { createServer, type Server } from 'node:http';

export interface Loopback {
  url: string;
  /** Connections so far, and the request lines seen. */
  connections(): number;
  requests(): string[];
  close(): Promise<void>;
}

export async function startLoopback(lifetimeMs = 180_000): Promise<Loopback> {
  let connections = 0;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' });
    response.end('export default 1;');
  });
  server.on('connection', (socket) => {
    connections++;
    socket.on('error', () => undefined);
  });
  server.on('upgrade', (request, socket) => {
    requests.push(`UPGRADE ${request.url}`);
    socket.destroy();
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('loopback: no port');
  const stop = setTimeout(() => server.close(), lifetimeMs);
  stop.unref();
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => connections,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((closed) => {
        clearTimeout(stop);
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
