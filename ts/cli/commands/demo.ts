// `swta demo`: build the browser demo from ts/ and serve it on 127.0.0.1 until Ctrl-C (SIGINT) or
// SIGTERM; `--out <dir>` writes the static files instead (host them anywhere that serves .wasm as
// application/wasm).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { numberOpt, type Command } from '../command.js';
import { SwtaError } from '../../abi/errors.js';
import { buildDemo, digests } from '../../demo/build.js';
import { serveDemo } from '../../demo/server.js';

export const demoCmd: Command = {
  name: 'demo',
  summary: 'serve the browser demo (live sWTA module, TrueNorth raster, image filter on a drawn digit) on 127.0.0.1',
  options: {
    port: { type: 'string', help: 'TCP port on 127.0.0.1, 0 = any free port (0–65535)', default: '8177' },
    out: { type: 'string', help: 'write the static page (index.html, demo.js, swta.wasm) to this directory instead of serving' },
  },
  async run(ctx) {
    const port = numberOpt(ctx.values, 'port', 0, 65535, true);
    const t0 = performance.now();
    const files = await buildDemo();
    const build_ms = performance.now() - t0;
    const sha256 = digests(files);
    if (typeof ctx.values.out === 'string') {
      const dir = ctx.values.out;
      mkdirSync(dir, { recursive: true });
      for (const [name, f] of files) writeFileSync(join(dir, name.slice(1)), f.body);
      ctx.log(`demo written to ${dir}/ (${[...files].map(([n, f]) => `${n.slice(1)} ${(f.body.length / 1024).toFixed(0)} KB`).join(', ')}); built in ${build_ms.toFixed(0)} ms`);
      ctx.emit({ out: dir, files: sha256, build_ms });
      return 0;
    }
    let server;
    try {
      server = await serveDemo({ port, files });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new SwtaError('--port', `port ${port} on 127.0.0.1 is in use (pick another, or 0 for any free port)`, 0);
      throw e;
    }
    ctx.log(`swta demo: serving on ${server.url}  (built in ${build_ms.toFixed(0)} ms; Ctrl-C to stop)`);
    ctx.emit({ url: server.url, port: server.port, files: sha256, build_ms });
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    await server.close();
    ctx.log(`swta demo: stopped (${signal})`);
    return 0;
  },
};
