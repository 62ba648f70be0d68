// Risk register, matrix, EMV, alerts, exposure, CSV/JSON and the risk-adjusted forecast
// through the npm package (the same hand-worked cases as core/tests/risk_forecast.rs and
// bindings-python/tests/test_risk.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project, RiskRegister } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

const D = 480;

function register() {
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Key developer leaves', owner: 'Delivery lead' });
  reg.add({ id: 'R2', title: 'Client approvals late' });
  reg.add({ id: 'O1', title: "Reuse the client's test suite", kind: 'opportunity' });
  reg.assess('R1', { probability: 0.3, impact: 4, date: '2027-02-01', cost: 20000 });
  reg.assess('R2', { probability: 0.6, impact: 3, date: '2027-02-01', cost: 8000 });
  reg.assess('O1', { probability: 0.5, impact: 2, date: '2027-02-01', cost: 6000 });
  return reg;
}

test('EMV, scores and ratings (hand-worked)', () => {
  const reg = register();
  // P × cost, threats negative: −6,000 − 4,800 + 3,000 = −7,800.
  assert.equal(reg.emv('R1'), -6000);
  const t = reg.totalEmv();
  assert.ok(Math.abs(t.net + 7800) < 1e-9);
  assert.equal(reg.rating('R1'), 'high');
  assert.ok(Math.abs(reg.score('R2') - 1.8) < 1e-12);
  assert.deepEqual(reg.top(2), ['R2', 'R1']);
  assert.equal(reg.length, 3);
  const cell = reg.heatmap().find((c) => c.risks.includes('R1'));
  assert.deepEqual([cell.probability_label, cell.impact_label, cell.rating], ['Possible', 'High', 'high']);
  assert.equal(reg.rows()[0].emv, -6000);
});

test('dimensions and a custom matrix', () => {
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Legacy ERP' });
  reg.assess('R1', { probability: 0.35, date: '2027-01-04', impacts: { schedule: 4, cost: 3 } });
  assert.equal(reg.get('R1').inherent.impact, 4);
  const m = { ...reg.matrix, scoring: 'matrix' };
  const band = new RiskRegister(m);
  band.add({ id: 'R1', title: 'x' });
  band.assess('R1', { probability: 0.35, impact: 4, date: '2027-01-04' });
  assert.equal(band.score('R1'), 12);
  assert.throws(() => new RiskRegister({ ...m, cells: m.cells.slice(1) }), { name: 'RiskError' });
});

test('bad input is typed and changes nothing', () => {
  const reg = register();
  const before = reg.toJson();
  assert.throws(() => reg.assess('R1', { probability: 1.5, impact: 3, date: '2027-02-02' }), (e) => e.name === 'RiskError' && e.risk === 'R1');
  assert.throws(() => reg.assess('nope', { probability: 0.5, impact: 3, date: '2027-02-02' }), { name: 'RiskError' });
  assert.throws(() => reg.add({ id: 'R1', title: 'dup' }), { name: 'RiskError' });
  assert.throws(() => reg.respond('R1', 'exploit'), { name: 'RiskError' });
  assert.throws(() => reg.respond('R1', 'mitigate', [{ description: 'x', ownr: 'typo' }]), { name: 'ValueError' });
  assert.throws(() => reg.add({ id: 'R9', title: 'x', kind: 'danger' }), { name: 'ValueError' });
  assert.throws(() => reg.add({ id: 'R9', title: 'x', next_reveiw: '2027-01-01' }), { name: 'ValueError' });
  assert.equal(reg.toJson(), before);
});

test('responses, alerts, status and exposure', () => {
  const reg = register();
  reg.respond('R2', 'mitigate', [{ description: 'Weekly approval slot', owner: 'PM', due: '2027-02-20', cost: 500 }]);
  assert.deepEqual(
    reg.alerts('2027-03-01').map((a) => [a.type, a.risk]),
    [['high_without_response', 'R1'], ['high_without_owner', 'R2'], ['action_overdue', 'R2']],
  );
  reg.setStatus('R1', 'closed', '2027-03-01');
  assert.equal(reg.get('R1').closed, '2027-03-01');
  const e = new RiskRegister();
  e.add({ id: 'T1', title: 'Legacy interface', identified: '2027-01-04' });
  e.assess('T1', { probability: 0.5, impact: 3, date: '2027-01-04', cost: 10000 });
  e.assess('T1', { probability: 0.2, impact: 3, date: '2027-02-01', cost: 10000, residual: true });
  assert.deepEqual(
    e.exposure('2027-01-01', '2027-02-28').map((x) => [x.date, x.open, x.threats]),
    [['2027-01-01', 0, 0], ['2027-02-01', 1, -2000]],
  );
});

test('CSV and JSON round trips', () => {
  const reg = register();
  reg.add({ id: 'R3', title: 'ERP "legacy", phase 2', tasks: [4, 7], triggers: ['No API docs', 'Vendor silent'] });
  reg.assess('R3', { probability: 0.4, impact: 5, date: '2027-02-01', delay: { optimistic: 2 * D, most_likely: 5 * D, pessimistic: 15 * D, distribution: { type: 'triangular' } } });
  const csv = reg.toCsv();
  assert.equal(RiskRegister.fromCsv(csv, '2027-02-01').toCsv(), csv);
  assert.equal(RiskRegister.fromJson(reg.toJson()).toJson(), reg.toJson());
  const header = csv.split('\n')[0];
  const row = 'R9,T,danger' + ','.repeat(header.split(',').length - 3);
  assert.throws(() => RiskRegister.fromCsv(`${header}\n${row}\n`, '2027-02-01'), (e) => e.name === 'RiskError' && e.row === 1 && e.column === 'kind');
});

test('risk-adjusted forecast (hand-worked)', () => {
  // A (5 d) → B (5 d); C (2 d) in parallel with 8 days of float.
  const p = new Project('p', '2027-01-04T08:00');
  const a = p.addTask({ name: 'A', duration: 5 * D });
  const b = p.addTask({ name: 'B', duration: 5 * D });
  const c = p.addTask({ name: 'C', duration: 2 * D });
  p.link(a, b);
  const reg = new RiskRegister();
  reg.add({ id: 'RC', title: 'Test rig late', tasks: [c] });
  reg.add({ id: 'RA', title: 'Legacy API', tasks: [a] });
  const fixed = (n) => ({ optimistic: n * D, most_likely: n * D, pessimistic: n * D, distribution: { type: 'fixed' } });
  reg.assess('RA', { probability: 0.5, impact: 3, date: '2027-01-04', cost: 10000, delay: fixed(2) });
  reg.assess('RC', { probability: 0.5, impact: 2, date: '2027-01-04', delay: fixed(3) });
  const f = reg.forecast(p, { iterations: 4000, seed: 3 });
  assert.equal(f.percentileWithoutRisks(80), '2027-01-15T17:00:00');
  assert.equal(f.percentile(80), '2027-01-19T17:00:00');
  assert.deepEqual(f.tornado.map((x) => x.id), ['RA', 'RC']);
  assert.equal(f.tornado[0].finish_shift, 2 * D);
  const r = f.reserve;
  assert.deepEqual([r.emv, r.schedule, r.schedule_from_risks, r.cost], [5000, 2 * D, 2 * D, 10000]);
  assert.equal(f.simulation.iterations, 4000);
  assert.equal(reg.forecast(p, { iterations: 4000, seed: 3 }).toJson(), f.toJson());
  reg.add({ id: 'RX', title: 'Ghost', tasks: [99] });
  assert.throws(() => reg.forecast(p, { iterations: 10 }), (e) => e.name === 'RiskError' && e.risk === 'RX');
  assert.throws(() => reg.forecast(p, { iterations: 10, confidnce: 80 }), { name: 'ValueError' });
});
