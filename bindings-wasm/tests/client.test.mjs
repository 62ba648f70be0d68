// The client side through the npm package (the same hand-worked cases as
// core/tests/client.rs and bindings-python/tests/test_client.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Engagement, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

const D = 480;

function plan() {
  // A (5 d) → B (5 d) → Go-live; C (2 d) with 8 days of float; D (1 d) untraced.
  const p = new Project('Portal', '2027-01-04T08:00');
  const a = p.addTask({ name: 'A', duration: 5 * D });
  const b = p.addTask({ name: 'B', duration: 5 * D });
  const c = p.addTask({ name: 'C', duration: 2 * D });
  const d = p.addTask({ name: 'D', duration: D });
  const m = p.addTask({ name: 'Go-live', duration: 0 });
  p.link(a, b);
  p.link(b, m);
  return [p, [a, b, c, d, m]];
}

function engagement(t) {
  const e = new Engagement('Northwind', { industry: 'Logistics', contract_value: 250000 });
  e.addStakeholder({ id: 'S1', name: 'Dana Kim', role: 'CIO', power: 'high', interest: 'high' });
  e.addStakeholder({ id: 'S2', name: 'Lee Park', role: 'Finance', power: 'high' });
  e.addDeliverable({ id: 'D1', name: 'Order portal', acceptance: ['Orders placed end to end'], tasks: [t[0], t[1]] });
  e.addDeliverable({ id: 'D2', name: 'Reports', tasks: [t[2]] });
  e.addRequirement({ id: 'REQ-1', title: 'Place orders online', source: 'S1', deliverables: ['D1'] });
  e.addRequirement({ id: 'REQ-2', title: 'Weekly stock report', priority: 'should', deliverables: ['D2'] });
  e.addRequirement({ id: 'REQ-3', title: 'Mobile app' });
  return e;
}

test('grid, traceability gaps both ways, bad input', () => {
  const [p, t] = plan();
  const e = engagement(t);
  assert.deepEqual(['S1', 'S2'].map((s) => e.strategy(s)), ['manage_closely', 'keep_satisfied']);
  const tr = e.traceability(p);
  assert.deepEqual([tr.without_deliverable, tr.without_task, tr.unrequired_tasks], [['REQ-3'], ['REQ-3'], [t[3]]]);
  assert.deepEqual(e.traceabilityTable(p).map((r) => r.traced), [true, true, false]);
  assert.throws(() => e.addRequirement({ id: 'REQ-9', title: 'x', source: 'S9' }), { name: 'ClientError' });
  assert.throws(() => e.addStakeholder({ id: 'S9', name: 'x', powr: 'high' }), { name: 'ValueError' });
});

test('change impact: critical task moves the finish, float does not; workflow', () => {
  const [p, t] = plan();
  const e = engagement(t);
  e.submitChange({ id: 'CR-1', title: 'Longer A', requested_by: 'S1', date: '2027-01-06', changes: [{ type: 'set_duration', task: t[0], duration: 8 * D }] });
  e.submitChange({ id: 'CR-2', title: 'Longer C', requested_by: 'S1', date: '2027-01-06', changes: [{ type: 'set_duration', task: t[2], duration: 5 * D }] });
  const a1 = e.analyseChange('CR-1', p);
  assert.deepEqual([a1.finish_before, a1.finish_after, a1.finish_shift], ['2027-01-15T17:00:00', '2027-01-20T17:00:00', 3 * D]);
  assert.equal(e.analyseChange('CR-2', p).finish_shift, 0);
  e.decideChange('CR-2', { by: 'S2', date: '2027-01-08', approved: false, note: 'not now' });
  assert.throws(() => e.decideChange('CR-2', { by: 'S1', date: '2027-01-09', approved: true }), { name: 'ClientError' });
  e.decideChange('CR-1', { by: 'S1', date: '2027-01-08', approved: true });
  assert.deepEqual([...e.implementChange('CR-1', p, '2027-01-09')], []);
  assert.equal(p.schedule().finish, '2027-01-20T17:00:00');
  assert.equal(e.change('CR-1').status, 'implemented');
  assert.throws(() => e.implementChange('CR-1', p, '2027-01-09'), { name: 'ClientError' });
});

test('CSAT and NPS (hand-worked)', () => {
  const [, t] = plan();
  const e = engagement(t);
  // NPS: 4 promoters, 2 detractors of 8 → +25; CSAT: 3 of 5 answers are 4 or 5 → 60.
  for (const score of [10, 9, 9, 8, 7, 6, 3, 10]) e.addSurveyResponse({ date: '2027-03-10', kind: 'nps', score });
  for (const score of [5, 4, 3, 2, 5]) e.addSurveyResponse({ date: '2027-03-12', kind: 'csat', score, stakeholder: 'S1' });
  assert.deepEqual([e.nps, e.csat], [25, 60]);
  assert.throws(() => e.addSurveyResponse({ date: '2027-03-12', kind: 'nps', score: 11 }), { name: 'ClientError' });
});

test('gates list every unmet criterion; JSON round trip; charter', () => {
  const [p, t] = plan();
  const empty = new Engagement('Northwind');
  assert.throws(() => empty.advancePhase(p, '2027-01-04'), (err) => err.name === 'LifecycleError' && err.unmet.length === 4);
  const e = engagement(t);
  e.addObjective({ id: 'O1', description: 'Halve order handling time', success_criteria: [{ measure: 'Handling time', target: '< 2 min' }] });
  e.addScope('Order portal');
  e.setAcceptance('D2', ['Matches the stock ledger']);
  assert.equal(e.advancePhase(p, '2027-01-04'), 'planning');
  assert.deepEqual(e.gate(p, '2027-01-04').filter((g) => !g.met).map((g) => g.id), ['requirements_approved', 'must_traced', 'communication_plan']);
  assert.ok(e.charter(p).includes('| Dana Kim | CIO |  | manage closely |'));
  assert.equal(Engagement.fromJson(e.toJson()).toJson(), e.toJson());
});
