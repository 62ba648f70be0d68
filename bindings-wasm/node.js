// Node entry of the npm package: loads the WebAssembly module synchronously from the
// package directory, so `import { Project } from 'planix'` works with no setup. The
// default export is a no-op `init` so code written for the browser (`await init()`)
// runs unchanged in Node.
import { readFileSync } from 'node:fs';
import { initSync } from './planix_wasm.js';

initSync({ module: readFileSync(new URL('./planix_wasm_bg.wasm', import.meta.url)) });

export * from './planix_wasm.js';
export default async function init() {}
