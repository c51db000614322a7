// Builds the browser demo from ts/: ts/demo/main.ts bundled by esbuild (ESM, browser platform),
// ts/demo/index.html and artifacts/swta.wasm. Reproducible: no timestamps, no absolute paths, the
// same sources give the same bytes. ts/abi/native.ts (koffi, node:*) is replaced by a stub that
// reports the native backend unavailable, so ts/backend/registry.ts works unchanged in the browser
// (wasm only); other node:* modules and TF.js stay external behind dynamic imports that never run there.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface DemoFile { body: Uint8Array; type: string }
export type DemoFiles = Map<string, DemoFile>;

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
};

/** Build the demo in memory: '/index.html', '/demo.js', '/swta.wasm'. */
export async function buildDemo(): Promise<DemoFiles> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [join(ROOT, 'ts/demo/main.ts')],
    absWorkingDir: ROOT,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile: 'demo.js',
    external: ['node:*', 'koffi', '@tensorflow/*'],
    logLevel: 'silent',
    plugins: [{
      name: 'swta-browser-native-stub',
      setup(b) {
        b.onResolve({ filter: /\/abi\/native\.js$/ }, (a) => ({ path: a.path, namespace: 'swta-stub' }));
        b.onLoad({ filter: /.*/, namespace: 'swta-stub' }, () => ({
          loader: 'js',
          contents: "export const nativeAvailable = () => false;\nexport function loadNative() { throw new Error('the native backend is not available in a browser'); }\n",
        }));
      },
    }],
  });
  const js = r.outputFiles[0].contents;
  // Externals may only be reached through dynamic import(): a static one would fail to load.
  const text = new TextDecoder().decode(js);
  const stat = text.match(/(?:^|[;}\n])\s*import\s*(?:[\w*{][^;]*?from\s*)?["'](node:[^"']+|koffi|@tensorflow\/[^"']+)["']/);
  if (stat) throw new Error(`demo bundle statically imports '${stat[1]}' (node-only): it must stay behind a dynamic import`);
  return new Map<string, DemoFile>([
    ['/index.html', { body: readFileSync(join(ROOT, 'ts/demo/index.html')), type: MIME['.html'] }],
    ['/demo.js', { body: js, type: MIME['.js'] }],
    ['/swta.wasm', { body: readFileSync(join(ROOT, 'artifacts/swta.wasm')), type: MIME['.wasm'] }],
  ]);
}

/** sha256 of every file (hex), for reproducibility checks. */
export function digests(files: DemoFiles): Record<string, string> {
  return Object.fromEntries([...files].map(([k, f]) => [k, createHash('sha256').update(f.body).digest('hex')]));
}
