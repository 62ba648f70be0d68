// CPM, incremental re-scheduling and Monte Carlo in WebAssembly (Node, the npm package in
// bindings-wasm/pkg), on the networks of the native criterion benches (`layered(n, 1)`,
// printed by the render_profile example) and a 10,000-task FS chain built through the API.
// Usage: cargo build --release -p planix-benches --example render_profile
//        node benches/cpm_wasm.mjs        (best and median of the rounds)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { initSync, Project, Scheduler } from '../bindings-wasm/pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../bindings-wasm/pkg/planix_wasm_bg.wasm', import.meta.url)) });
const gen = (n) => execFileSync(new URL('../target/release/examples/render_profile', import.meta.url).pathname, [String(n), 'json'], { maxBuffer: 1 << 30 }).toString();
const time = (label, rounds, f) => {
  const t = [];
  for (let i = 0; i < rounds; i++) { const t0 = performance.now(); f(i); t.push(performance.now() - t0); }
  t.sort((a, b) => a - b);
  console.log(`${label}: best ${t[0].toFixed(2)} ms, median ${t[t.length >> 1].toFixed(2)} ms`);
};

for (const n of [10000, 100000]) {
  const p = Project.fromJson(gen(n));
  time(`wasm cpm layered ${n}`, n > 50000 ? 10 : 30, () => p.schedule().free());
  const s = new Scheduler(p);
  const rows = s.schedule().tasks().filter((t) => t.kind === 'task');
  const slack = rows.filter((t) => t.total_float > 480);
  const crit = rows.filter((t) => t.critical);
  for (const [label, t] of [['float', slack[slack.length >> 1]], ['critical', crit[crit.length >> 1]]]) {
    time(`wasm Scheduler ${label} edit, layered ${n}`, 30, (i) => s.setDuration(t.id, t.duration + 60 * (i % 2)));
  }
  s.free();
  p.free();
}

const chain = new Project('chain', new Date(2027, 0, 4, 8));
let prev = null;
for (let i = 0; i < 10000; i++) {
  const t = chain.addTask({ name: `T${i}`, duration: 480 });
  if (prev !== null) chain.link(prev, t);
  prev = t;
}
time('wasm cpm chain 10000', 50, () => chain.schedule().free());
const cs = new Scheduler(chain);
time('wasm Scheduler chain first task, 10000', 50, (i) => cs.setDuration(1, 480 + 60 * (i % 2)));

const mc = Project.fromJson(gen(1000));
for (const t of mc.tasks()) {
  if (t.duration > 0) mc.setEstimate(t.id, t.duration * 0.8, t.duration, t.duration * 1.6);
}
time('wasm Monte Carlo 1,000 tasks x 10,000 iterations', 5, () => mc.simulate({ iterations: 10000, seed: 1 }).free());
