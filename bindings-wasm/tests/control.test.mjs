// Progress, baselines, earned value and schedule, S-curve and DCMA through the npm package
// (the same hand-worked cases as core/tests/control.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Engagement, Project, RiskRegister } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

const D = 480;

function twoTasks() {
  // A (5 d, 5,000) → B (5 d, 10,000) from Mon 4 Jan 2027.
  const p = new Project('evm', '2027-01-04T08:00');
  const a = p.addTask({ name: 'A', duration: 5 * D });
  const b = p.addTask({ name: 'B', duration: 5 * D });
  p.setCost(a, 5000, 0);
  p.setCost(b, 10000, 0);
  p.link(a, b);
  return [p, a, b];
}

function evmProject() {
  // Two tasks; baseline Mon 4 – Fri 15 Jan; status Mon 11 17:00.
  const [p, a, b] = twoTasks();
  p.saveBaseline(0, '2027-01-01');
  p.setStatusDate('2027-01-11T17:00');
  p.setProgress(a, { actual_start: '2027-01-04T08:00', actual_finish: '2027-01-08T17:00', percent_complete: 100, actual_cost: 6000 });
  p.setProgress(b, { actual_start: '2027-01-11T08:00', percent_complete: 25, actual_cost: 2000 });
  return [p, a, b];
}

test('earned value and earned schedule (hand-worked)', () => {
  const [p] = evmProject();
  const r = p.earnedValue();
  const f = r.project;
  assert.deepEqual([f.bac, f.pv, f.ev, f.ac], [15000, 7000, 7500, 8000]);
  assert.ok(Math.abs(f.cpi - 0.9375) < 1e-12 && Math.abs(f.eac_cpi - 16000) < 1e-6);
  // ES = 6 + 500 / 2,000 = 6.25; IEAC(t) = 9.6 working days → Fri 15 Jan 13:48.
  assert.ok(Math.abs(r.earned_schedule.es - 6.25) < 1e-9);
  assert.equal(r.earned_schedule.forecast_finish, '2027-01-15T13:48:00');
  const curve = p.sCurve({ period: 'week' });
  assert.deepEqual(curve.map((c) => [c.pv, c.ev, c.ac]), [[5000, 5000, 6000], [15000, 7500, 8000]]);
  assert.equal(p.dcma().length, 14);
  assert.throws(() => p.earnedValue({ baseline: 3 }), { name: 'ControlError' });
  assert.throws(() => p.earnedValue({ methd: 'physical' }), { name: 'ValueError' });
});

test('reschedule with progress; bad progress is refused', () => {
  const p = new Project('p', '2027-01-04T08:00');
  const a = p.addTask({ name: 'A', duration: 4 * D });
  const b = p.addTask({ name: 'B', duration: 4 * D });
  p.link(a, b);
  p.saveBaseline();
  p.setStatusDate('2027-01-06T17:00');
  p.setProgress(a, { actual_start: '2027-01-04T08:00', percent_complete: 50 });
  assert.equal(p.reschedule().finish, '2027-01-14T17:00:00');
  assert.equal(p.variance().finish_variance, D);
  assert.throws(() => p.setProgress(a, { percent_complete: 101 }), { name: 'ModelError' });
  assert.throws(() => p.setStatusDate('2027-01-01T08:00'), { name: 'ModelError' });
  assert.equal(Project.fromJson(p.toJson()).toJson(), p.toJson());
});

test('health and status report', () => {
  const [p] = evmProject();
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Vendor fails' });
  reg.assess('R1', { probability: 0.6, impact: 4, date: '2027-01-04' });
  // CPI 0.9375 < 0.95 (amber); an unowned high risk without response (red).
  const h = p.healthWith(new Engagement('Client'), reg);
  assert.deepEqual(h.findings.map((f) => [f.rule, f.severity]), [['cpi', 'warning'], ['risk_unowned', 'critical']]);
  assert.equal(h.overall, 'red');
  assert.equal(p.health().overall, 'amber');
  assert.ok(p.statusReport().includes('**Overall: AMBER**'));
  assert.ok(p.statusReportWith(new Engagement('Client'), reg).includes('## Top risks'));
});

test('time-phased baseline by week', () => {
  // Week 1: A's 5,000; week 2: B's 10,000 and Ana's 40 h × 100 = 4,000.
  const [p, a, b] = twoTasks();
  const ana = p.addResource({ name: 'Ana', max_units: 1, standard_rate: 100 });
  p.assign(b, ana);
  p.saveBaseline(1);
  const rows = p.baselineTimephased({ baseline: 1, period: 'week' });
  assert.deepEqual(rows.map((r) => [r.task, r.resource, r.period, r.work, r.cost]), [
    [a, null, '2027-01-04', 0, 5000],
    [b, null, '2027-01-11', 0, 10000],
    [b, ana, '2027-01-11', 40, 4000],
  ]);
  assert.throws(() => p.baselineTimephased({ baseline: 7 }), { name: 'ControlError' });
  assert.throws(() => p.baselineTimephased({ period: 'fortnight' }), { name: 'ValueError' });
});
