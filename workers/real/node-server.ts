/**
 * A node process's HTTP side: `POST /msg` takes one message (JSON) and hands it to the node; `GET /health`
 * says the process is up (Kubernetes probes it). Everything else is a 404.
 */
import http from 'node:http';
import type { Message } from '../kernel/protocol';

export interface NodeServer {
  port: number;
  /** Refuse further messages (410) and close. */
  close(): Promise<void>;
}

/** Listen on `port` (0: a free one) on `host`. Rejects with a one-line reason (e.g. the port is taken). */
export function startNodeServer(
  host: string,
  port: number,
  onMessage: (message: Message) => void,
): Promise<NodeServer> {
  let closing = false;
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(closing ? 503 : 200).end('ok');
      return;
    }
    if (req.method !== 'POST' || req.url !== '/msg') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (closing) return void res.writeHead(410).end();
      let message: Message;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Message;
      } catch {
        return void res.writeHead(400).end('not JSON');
      }
      if (typeof message?.id !== 'string' || typeof message.type !== 'string') {
        return void res.writeHead(400).end('not a message');
      }
      res.writeHead(204).end();
      onMessage(message);
    });
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} on ${host} is already in use`
            : `cannot listen on ${host}:${port}: ${err.message}`,
        ),
      );
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        close: () => {
          closing = true;
          server.closeIdleConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
