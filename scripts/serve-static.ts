/**
 * A tiny static file server for the built site, mounted under a sub-path (default `/playground/`), to prove
 * the build works from any sub-path of a plain static server. No SPA rewrites.
 *
 *   npx tsx scripts/serve-static.ts [--root dist] [--base /playground/] [--port 4173] [--host 127.0.0.1]
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  // TypeScript declarations shipped for the editor (node-api.d.ts), fetched as text.
  '.ts': 'text/plain; charset=utf-8',
};

export interface StaticServerOptions {
  /** Folder to serve. */
  root: string;
  /** URL prefix the folder is mounted at; starts and ends with `/`. */
  base?: string;
  port?: number;
  host?: string;
}

/** Start serving; resolves once listening, with the server and its URL (base included). */
export async function serveStatic(options: StaticServerOptions): Promise<{ server: Server; url: string }> {
  const root = resolve(options.root);
  const base = options.base ?? '/playground/';
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handle(root, base, request.url ?? '/', request.method ?? 'GET').then(
      (answer) => {
        if (answer.kind === 'file') {
          response.writeHead(200, {
            'Content-Type': MIME[extname(answer.path)] ?? 'application/octet-stream',
            'Content-Length': answer.size,
            'Cache-Control': 'no-cache',
          });
          if (request.method === 'HEAD') response.end();
          else createReadStream(answer.path).pipe(response);
        } else if (answer.kind === 'redirect') {
          response.writeHead(301, { Location: answer.location }).end();
        } else {
          response.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(answer.text);
        }
      },
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, ready);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, url: `http://${host}:${port}${base}` };
}

type Answer =
  | { kind: 'file'; path: string; size: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: number; text: string };

async function handle(root: string, base: string, url: string, method: string): Promise<Answer> {
  if (method !== 'GET' && method !== 'HEAD')
    return { kind: 'error', status: 405, text: 'method not allowed' };
  const pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  if (pathname === base.slice(0, -1)) return { kind: 'redirect', location: base };
  if (!pathname.startsWith(base)) return { kind: 'error', status: 404, text: `not under ${base}` };
  const path = normalize(join(root, pathname.slice(base.length)));
  if (path !== root && !path.startsWith(root + sep)) return { kind: 'error', status: 403, text: 'forbidden' };
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    const index = join(path, 'index.html');
    const indexInfo = await stat(index).catch(() => null);
    if (indexInfo?.isFile()) return { kind: 'file', path: index, size: indexInfo.size };
    // Like nginx: a folder without index.html is not listed.
    return { kind: 'error', status: 403, text: 'no index.html here' };
  } else if (info?.isFile()) {
    return { kind: 'file', path, size: info.size };
  }
  return { kind: 'error', status: 404, text: 'not found' };
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const { url } = await serveStatic({
    root: flag(args, '--root') ?? 'dist',
    base: flag(args, '--base') ?? '/playground/',
    port: Number(flag(args, '--port') ?? 4173),
    host: flag(args, '--host') ?? '127.0.0.1',
  });
  console.log(`serving at ${url}`);
}
