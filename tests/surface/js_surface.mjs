// Prints the npm package's public surface: every class with its methods, getters and
// statics, as JSON (read by twins.py).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as m from '../../bindings-wasm/pkg/planix_wasm.js';

m.initSync({ module: readFileSync(fileURLToPath(new URL('../../bindings-wasm/pkg/planix_wasm_bg.wasm', import.meta.url))) });
const out = {};
const functions = [];
for (const [name, v] of Object.entries(m)) {
  if (typeof v !== 'function' || name === 'initSync' || name === 'default') continue;
  // Free functions (camelCase) are listed under "<functions>"; classes are capitalised.
  if (name[0] === name[0].toLowerCase()) { functions.push(name); continue; }
  if (!v.prototype) continue;
  const own = Object.getOwnPropertyNames(v.prototype).filter((n) => n !== 'constructor' && n !== 'free' && !n.startsWith('__'));
  const statics = Object.getOwnPropertyNames(v).filter((n) => !['length', 'name', 'prototype'].includes(n) && !n.startsWith('__'));
  out[name] = [...own, ...statics].sort();
}
out['<functions>'] = functions.sort();
process.stdout.write(JSON.stringify(out, null, 1));
