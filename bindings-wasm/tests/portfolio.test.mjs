// Portfolios through the npm package: the hand-worked agency of core/tests/portfolio.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Portfolio, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function client(name, days) {
  const p = new Project(name, '2027-01-04T08:00');
  const ana = p.addResource({ name: 'Ana', max_units: 1 });
  const d = p.addTask({ name: 'Design', duration: days * 480,
    estimate: { optimistic: (days - 1) * 480, most_likely: days * 480, pessimistic: (days + 3) * 480 } });
  const h = p.addTask({ name: 'Handover', duration: 0 });
  p.link(d, h);
  p.assign(d, ana);
  return { p, d, h };
}

function agency() {
  const pf = new Portfolio('Agency');
  pf.addPoolResource({ name: 'Ana', max_units: 1, standard_rate: 100 });
  const a = client('Acme', 2);
  const b = client('Globex', 3);
  pf.addProject('acme', a.p, 800);
  pf.addProject('globex', b.p);
  return { pf, ah: a.h, bd: b.d };
}

test('level across projects by priority, adopt, roll up', () => {
  const { pf, bd } = agency();
  const lv = pf.level();
  const s = lv.schedules();
  assert.equal(s.get('acme').finish, '2027-01-05T17:00:00');
  assert.equal(s.get('globex').finish, '2027-01-08T17:00:00');
  assert.equal(lv.delays.length, 1);
  assert.deepEqual(lv.delays[0].task, { project: 'globex', task: bd });
  assert.deepEqual(lv.delays[0].competing_projects, ['acme']);
  pf.applyLeveling(lv);
  assert.equal(pf.project('globex').schedule().finish, '2027-01-08T17:00:00');
  const r = pf.rollup();
  assert.deepEqual(r.projects.map((x) => x.key), ['acme', 'globex', 'portfolio']);
  assert.deepEqual(r.projects.map((x) => x.cost), [1600, 2400, 4000]);
  assert.equal(pf.length, 2);
});

test('cross-project links, cycles, bad input, document, Monte Carlo', () => {
  const { pf, ah, bd } = agency();
  const text = pf.toJson();
  assert.equal(Portfolio.fromJson(text).toJson(), text);
  pf.link({ predecessor: { project: 'acme', task: ah }, successor: { project: 'globex', task: bd } });
  assert.equal(pf.schedule().get('globex').finish, '2027-01-08T17:00:00');
  assert.throws(() => pf.link({ predecessor: { project: 'initech', task: 1 }, successor: { project: 'globex', task: bd } }),
    (e) => e.kind === 'model' && /no project "initech"/.test(e.message));
  assert.throws(() => pf.addPoolResource({ name: 'Nobody', max_units: 0 }), (e) => e.kind === 'model');
  const shared = pf.simulate({ iterations: 1000, seed: 3, resource_constrained: true });
  const free = pf.simulate({ iterations: 1000, seed: 3 });
  assert.equal(shared.percentileWithoutResourceLimits(80), free.percentile(80));
  pf.link({ predecessor: { project: 'globex', task: 2 }, successor: { project: 'acme', task: 1 } });
  assert.throws(() => pf.schedule(), (e) => e.kind === 'cycle' && e.task_refs.length === 4);
  assert.throws(() => Portfolio.fromJson('{}'), (e) => e.kind === 'io');
});
