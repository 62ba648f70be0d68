// Chart speed in WebAssembly (Node, the npm package in bindings-wasm/pkg): the Gantt SVG
// of the 10,000-task layered network, the network diagram of 1,000 tasks, and what the
// demo does on each edit of a 1,000-task plan (set a duration, schedule, draw the Gantt).
// Usage: cargo build --release -p planix-benches --example render_profile
//        node benches/render_wasm.mjs        (best and median of 20 rounds each)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { initSync, Project } from '../bindings-wasm/pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../bindings-wasm/pkg/planix_wasm_bg.wasm', import.meta.url)) });
const gen = (n) => execFileSync(new URL('../target/release/examples/render_profile', import.meta.url).pathname, [String(n), 'json'], { maxBuffer: 1 << 30 }).toString();
const time = (label, rounds, f) => {
  const t = [];
  let out;
  for (let i = 0; i < rounds; i++) { const t0 = performance.now(); out = f(i); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b);
  console.log(`${label}: best ${t[0].toFixed(1)} ms, median ${t[t.length >> 1].toFixed(1)} ms${typeof out === 'string' ? `, ${(out.length / 1e6).toFixed(2)} MB` : ''}`);
};
const p10k = Project.fromJson(gen(10000));
const s10k = p10k.schedule();
time('wasm gantt 10,000 tasks', 20, () => s10k.gantt(p10k));
const p1k = Project.fromJson(gen(1000));
const s1k = p1k.schedule();
time('wasm network 1,000 tasks', 20, () => s1k.network(p1k));
const id = p1k.tasks()[500].id;
time('wasm edit + schedule + Gantt, 1,000 tasks', 20, (i) => {
  p1k.setDuration(id, `${2 + (i % 5)}d`);
  return p1k.schedule().gantt(p1k);
});
