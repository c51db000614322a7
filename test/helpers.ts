// Shared test helpers: the list of backends to run a conformance suite against.
import { availableBackends } from '../ts/backend/registry.js';
import type { BackendName } from '../ts/backend/engine.js';

/** Rust backends present on this machine (wasm always; native when the .so is built). */
export async function rustBackends(): Promise<BackendName[]> {
  return (await availableBackends()).filter((b) => b !== 'as');
}

/** Names for describe.each, resolved at collection time. */
export const RUST_BACKENDS: BackendName[] = await rustBackends();
