// Boundary tests of the npm package, run with `node --test` against the built pkg/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function small() {
  const p = new Project('Demo', '2027-01-04T08:00');
  const a = p.addTask({ name: 'Design', duration: 960 });
  const b = p.addTask({ name: 'Build', duration: 480 });
  const m = p.addTask({ name: 'Sign-off' });
  p.link(a, b);
  p.addDependency({ predecessor: b, successor: m, kind: 'fs' });
  return { p, a, b, m };
}

test('schedule dates, critical path and driver', () => {
  const { p, a, b, m } = small();
  const s = p.schedule();
  assert.equal(s.finish, '2027-01-06T17:00:00');
  assert.equal(s.task(b).start, '2027-01-06T08:00:00');
  // A plain Array (a typed array would make `.map(id => names.get(id))` give zeros).
  assert.ok(Array.isArray(s.criticalPath()));
  assert.deepEqual(s.criticalPath(), [a, b, m]);
  assert.deepEqual(s.driver(b), { type: 'predecessor', task: a, kind: 'fs' });
});

test('lags and constraints cross as plain objects', () => {
  const { p, a } = small();
  const c = p.addTask({ name: 'Docs', duration: 480, constraint: { type: 'snet', date: '2027-01-11T08:00:00' } });
  p.addDependency({ predecessor: a, successor: c, kind: 'ss', lag: { percent: 50 } });
  const s = p.schedule();
  assert.equal(s.task(c).start, '2027-01-11T08:00:00');
  assert.equal(s.driver(c).type, 'constraint');
});

test('errors carry name, kind and ids; project unchanged', () => {
  const { p, a, b, m } = small();
  const before = p.toJson();
  assert.throws(() => p.link(m, a), (e) => e.name === 'ModelError' && e.kind === 'model' && /cycle/.test(e.message));
  assert.throws(() => p.addTask({ name: 'bad', duration: -5 }), (e) => e.name === 'ModelError');
  assert.throws(() => p.addTask({ nom: 'x' }), (e) => e.name === 'ValueError');
  assert.equal(p.toJson(), before);
  const doc = JSON.parse(before);
  doc.dependencies.push({ predecessor: m, successor: a });
  const q = Project.fromJson(JSON.stringify(doc));
  assert.throws(() => q.schedule(), (e) => e.name === 'CycleError' && e.kind === 'cycle' && [...e.tasks].sort().join() === [a, b, m].sort().join());
  assert.throws(() => Project.fromJson('{"format":"planix",'), (e) => e.name === 'IoError' && /line 1/.test(e.message));
});

test('JSON round trip and case study parity with Rust', () => {
  const { p } = small();
  assert.equal(Project.fromJson(p.toJson()).toJson(), p.toJson());
  const text = readFileSync(here('../../examples/data/case_study.json'), 'utf8');
  const s = Project.fromJson(text).schedule();
  assert.equal(s.finish, '2027-07-27T17:00:00');
  assert.equal(s.tasks().length, 43);
  assert.deepEqual(JSON.parse(s.toJson()), s.toObject());
});
