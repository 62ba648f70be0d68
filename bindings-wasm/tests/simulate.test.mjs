// Monte Carlo and PERT through the npm package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

const DAY = 480;
function chain() {
  const p = new Project('mc', '2027-01-04T08:00');
  const ids = [];
  for (let k = 0; k < 4; k++) {
    const t = p.addTask({ name: `T${k}`, duration: 3 * DAY });
    p.setEstimate(t, 2 * DAY, 3 * DAY, 8 * DAY);
    if (ids.length) p.link(ids[ids.length - 1], t);
    ids.push(t);
  }
  return { p, ids };
}

test('simulate: percentiles, probabilities, criticality, determinism', () => {
  const { p, ids } = chain();
  const r = p.simulate({ iterations: 5000, seed: 7, target: '2027-01-25T17:00' });
  assert.equal(r.iterations, 5000);
  assert.ok(r.percentile(50) <= r.percentile(80));
  assert.ok(r.probabilityBy(r.percentile(80)) >= 0.8);
  assert.equal(typeof r.targetProbability, 'number');
  for (const id of ids) assert.equal(r.criticality[id], 1);
  assert.equal(r.histogram.reduce((s, b) => s + b.count, 0), 5000);
  const again = p.simulate({ iterations: 5000, seed: 7, target: '2027-01-25T17:00' });
  assert.equal(r.toJson(), again.toJson());
});

test('risk events and PERT', () => {
  const { p, ids } = chain();
  const r = p.simulate({
    iterations: 500,
    seed: 1,
    risks: [{ id: 'R1', probability: 1, tasks: [ids[0]], delay: { optimistic: DAY, most_likely: DAY, pessimistic: DAY } }],
  });
  assert.ok(r.percentile(50) > r.percentileWithoutRisks(50));
  const a = p.pert();
  // Classic PERT: te = (2 + 12 + 8)/6 days per task.
  assert.ok(Math.abs(a.pathMean - 4 * (22 / 6) * DAY) < 1e-6);
  assert.ok(Math.abs(a.probabilityBy(a.expectedFinish) - 0.5) < 1e-3);
});

test('bad input gives typed errors', () => {
  const { p, ids } = chain();
  assert.throws(() => p.setEstimate(ids[0], 5, 3, 8), { name: 'ModelError' });
  assert.throws(() => p.setEstimate(ids[0], 1, 2, 3, 'gamma'), { name: 'ValueError' });
  assert.throws(() => p.simulate({ iterations: 0 }), { name: 'SimulationError' });
  assert.throws(() => p.simulate({ iterations: 10, risks: [{ id: 'x', probability: 0.5, tasks: [99] }] }), { name: 'SimulationError' });
  assert.throws(() => p.simulate({ iterationz: 10 }), { name: 'ValueError' });
});
