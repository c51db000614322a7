// Serves the built demo (ts/demo/build.ts) from memory on 127.0.0.1 with node:http.
// .wasm goes out as application/wasm (needed by WebAssembly.instantiateStreaming).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDemo, type DemoFiles } from './build.js';

export interface DemoServer { url: string; port: number; files: DemoFiles; close(): Promise<void> }

/** Build the page and serve it on 127.0.0.1:`port` (0 = a free port). */
export async function serveDemo(opts: { port?: number; files?: DemoFiles } = {}): Promise<DemoServer> {
  const files = opts.files ?? (await buildDemo());
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const f = files.get(path === '/' ? '/index.html' : path);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': f.type, 'content-length': f.body.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : f.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    files,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
