// Columnar results (issue #23): `columns()` gives typed arrays, one per field, with the
// values of the JSON rows (the same plan as bindings-python/tests/test_columns.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function plan() {
  // Mon 2027-01-04 08:00. Design 2 d → Build 3 d; QA 1 d starts with Build (SS).
  const p = new Project('Columns', '2027-01-04T08:00');
  const design = p.addTask({ name: 'Design', duration: 960 });
  const build = p.addTask({ name: 'Build', duration: 1440 });
  const qa = p.addTask({ name: 'QA', duration: 480 });
  p.link(design, build);
  p.addDependency({ predecessor: build, successor: qa, kind: 'ss' });
  return { p, design, build, qa };
}

const utc = (ms) => new Date(ms).toISOString().slice(0, 19);

test('schedule columns are typed arrays with the JSON values', () => {
  const { p, design, build, qa } = plan();
  const s = p.schedule();
  const c = s.columns();
  const rows = s.tasks();
  assert.ok(c.id instanceof Float64Array);
  assert.deepEqual(Array.from(c.id), [design, build, qa]);
  assert.deepEqual(c.name, ['Design', 'Build', 'QA']);
  assert.ok(c.start instanceof Float64Array);
  assert.deepEqual(Array.from(c.start, utc), rows.map((t) => t.start));
  assert.equal(utc(c.start[1]), '2027-01-06T08:00:00'); // Build after Design's two days
  assert.deepEqual(Array.from(c.duration), [960, 1440, 480]);
  assert.ok(c.critical instanceof Uint8Array);
  assert.deepEqual(Array.from(c.critical, Boolean), rows.map((t) => t.critical));
  assert.deepEqual(c['driver.type'], rows.map((t) => t.driver.type));
  assert.ok(Number.isNaN(c['driver.task'][0]));
  assert.equal(c['driver.task'][1], design);
});

test('leveling, simulation and cost columns', () => {
  const { p, build, qa } = plan();
  const ana = p.addResource({ name: 'Ana', max_units: 1, standard_rate: 100 });
  p.assign(build, ana);
  p.assign(qa, ana);
  const lv = p.level();
  const d = lv.columns();
  assert.deepEqual(Array.from(d.task), [qa]);
  assert.deepEqual(Array.from(d.holders), [1]);
  assert.deepEqual(lv.holders(p, qa), [build]);
  const costs = p.costs().columns();
  assert.deepEqual(Array.from(costs.total), [0, 2400, 800]); // Ana 100/h: 24 h and 8 h
  const sim = p.simulate({ iterations: 100, seed: 2 }).columns();
  assert.deepEqual(Array.from(sim.task), [1, 2, 3]);
});
