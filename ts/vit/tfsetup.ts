// TF.js with the WASM backend in Node (TOOLCHAIN.md §11): point setWasmPaths at the package's dist.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

let ready: Promise<typeof tf> | null = null;

/** Initialise TF.js on `backend` ('wasm' by default; 'cpu' as a fallback) once per process. */
export function tfReady(backend: 'wasm' | 'cpu' = 'wasm'): Promise<typeof tf> {
  if (!ready) {
    ready = (async () => {
      if (backend === 'wasm') {
        const req = createRequire(import.meta.url);
        setWasmPaths(dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
      }
      await tf.setBackend(backend);
      await tf.ready();
      return tf;
    })();
  }
  return ready;
}
