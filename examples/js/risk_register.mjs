// A risk register for a small client website project (mirrors examples/risk_register.rs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project, RiskRegister } from '../../bindings-wasm/pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../../bindings-wasm/pkg/planix_wasm_bg.wasm')) });

const D = 480;
const p = new Project('Website relaunch', '2027-03-01T08:00');
const design = p.addTask({ name: 'Design', duration: 5 * D });
const content = p.addTask({ name: 'Content from client', duration: 8 * D });
const build = p.addTask({ name: 'Build', duration: 10 * D });
const launch = p.addTask({ name: 'Launch', duration: 3 * D });
p.link(design, build);
p.link(content, launch);
p.link(build, launch);

const reg = new RiskRegister();
const pert = ([o, m, pe]) => ({ optimistic: o * D, most_likely: m * D, pessimistic: pe * D });
const risks = [
  ['R1', 'Client content arrives late', 'threat', content, 0.6, { schedule: 3 }, 3000, [2, 5, 10]],
  ['R2', 'Design rework after stakeholder review', 'threat', design, 0.35, { schedule: 3, cost: 2 }, 6000, [2, 4, 8]],
  ['R3', 'CMS plug-in incompatible', 'threat', build, 0.2, { schedule: 4, scope_quality: 3 }, 8000, [3, 6, 12]],
  ['O1', "Reuse the client's brand component library", 'opportunity', design, 0.5, { cost: 2 }, 4000, null],
];
for (const [id, title, kind, task, probability, impacts, cost, delay] of risks) {
  const owner = id === 'R3' ? '' : 'Account lead';
  reg.add({ id, title, kind, tasks: [task], owner, identified: '2027-02-20', next_review: '2027-03-15' });
  reg.assess(id, { probability, date: '2027-02-20', impacts, cost, ...(delay ? { delay: pert(delay) } : {}) });
}
for (const id of reg.ids) {
  console.log(`${id}: EMV ${reg.emv(id).toFixed(0).padStart(7)}  score ${reg.score(id).toFixed(2)}  ${reg.rating(id)}`);
}
for (const line of reg.alertLines('2027-03-20')) console.log('alert:', line);
process.stdout.write(reg.heatmapText());
const f = reg.forecast(p, { iterations: 5000, seed: 1 });
console.log(`P80: ${f.percentile(80)} with risks, ${f.percentileWithoutRisks(80)} without`);
console.log(`Reserve at P80: ${(f.reserve.schedule / D).toFixed(1)} working days; cost ${f.reserve.cost.toFixed(0)}`);
