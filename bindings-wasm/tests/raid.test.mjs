// The RAID log through the npm package (the same hand-worked cases as
// core/tests/raid.rs and bindings-python/tests/test_raid.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Engagement, Project, RiskRegister } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

const D = 480;

function plan() {
  // A (2 d) → C (2 d) → UAT done; B (1 d) → C with a day of float. Mon 3 May 2027.
  const p = new Project('Portal', '2027-05-03T08:00');
  const a = p.addTask({ name: 'A', duration: 2 * D });
  const b = p.addTask({ name: 'B', duration: D });
  const c = p.addTask({ name: 'C', duration: 2 * D });
  const m = p.addTask({ name: 'UAT done', duration: 0 });
  p.link(a, c);
  p.link(b, c);
  p.link(c, m);
  return [p, [a, b, c, m]];
}

function engagement() {
  const e = new Engagement('Northwind');
  e.addStakeholder({ id: 'S1', name: 'Dana Kim', role: 'CIO' });
  e.addStakeholder({ id: 'S2', name: 'Lee Park', role: 'QA lead' });
  return e;
}

test('service targets across the weekend, history and closed issues', () => {
  const [p] = plan();
  const e = engagement();
  e.addIssue({ id: 'I-1', title: 'Orders lost', raised_by: 'S1', raised: '2027-05-07T15:00:00', severity: 'critical' });
  e.setIssueStatus('I-1', 'in_progress', '2027-05-10T10:00', 'S2');
  e.setIssueStatus('I-1', 'waiting_on_client', new Date(2027, 4, 10, 13), 'S2');
  e.setIssueStatus('I-1', 'in_progress', '2027-05-12T13:00', 'S2');
  e.resolveIssue('I-1', '2027-05-13T12:00', 'S2', 'fixed', 'no test');
  e.addIssue({ id: 'I-2', title: 'Slow search', raised_by: 'S2', raised: '2027-05-07T16:00:00', severity: 'high' });
  const ages = Object.fromEntries(e.issueAges(p, '2027-05-10T17:00').map((r) => [r.id, r]));
  assert.equal(ages['I-1'].age, 1800);
  assert.equal(ages['I-1'].waiting, 960);
  assert.equal(ages['I-1'].resolved_after, 840);
  assert.equal(ages['I-2'].age, 540);
  assert.equal(ages['I-2'].response_breached, true);
  e.setIssueStatus('I-1', 'closed', '2027-05-14T09:00', 'S1');
  const before = e.toJson();
  assert.throws(() => e.resolveIssue('I-1', '2027-05-14T10:00', 'S2', 'again'), (x) => x.kind === 'client' && /is closed/.test(x.message));
  assert.throws(() => e.setIssueStatus('I-2', 'shelved', '2027-05-14T09:00'), /issue status/);
  assert.equal(e.toJson(), before);
});

test('impact, risk to issue, Monte Carlo and change requests', () => {
  const [p, [a, b]] = plan();
  const e = engagement();
  e.addIssue({ id: 'I-1', title: 'API late', raised_by: 'S1', raised: '2027-05-03T09:00:00', severity: 'high', tasks: [a], impact: { delay: D } });
  e.addIssue({ id: 'I-2', title: 'Copy late', raised_by: 'S1', raised: '2027-05-03T09:00:00', severity: 'low', tasks: [b], impact: { delay: D } });
  assert.equal(e.analyseIssue('I-1', p).finish_shift, D);
  assert.equal(e.analyseIssue('I-2', p).finish_shift, 0);
  const r = p.simulate({ iterations: 100, seed: 1, risks: e.issueEvents(p) });
  assert.equal(r.percentile(50), '2027-05-07T17:00:00');
  const reg = new RiskRegister();
  reg.add({ id: 'R5', title: 'Test data late', tasks: [a] });
  e.issueFromRisk(reg, 'R5', { id: 'I-3', title: 'Test data missing', raised_by: 'S2', raised: '2027-05-05T00:00:00', severity: 'high' });
  assert.deepEqual(e.issue('I-3').risks, ['R5']);
  assert.equal(reg.get('R5').status, 'occurred');
  e.issueToChange('I-1', 'CR-1', 'S1', '2027-05-03', p);
  assert.deepEqual(e.change('CR-1').changes[0], { type: 'set_duration', task: a, duration: 3 * D });
});

test('assumptions, decisions, RAID summary and the CSV round trip', () => {
  const [p, [a, b, c]] = plan();
  const e = engagement();
  e.addAssumption({ id: 'A-1', statement: 'Test data by 10 May', validate_by: '2027-05-10' });
  e.validateAssumption('A-1', false, '2027-05-11', 'late');
  e.assumptionToIssue('A-1', { id: 'I-9', title: 'No test data', raised_by: 'S1', raised: '2027-05-11T09:00:00', severity: 'medium' });
  assert.equal(e.assumptions[0].became, 'I-9');
  e.addLogEntry({ id: 'L1', date: '2027-05-06', kind: 'decision', summary: 'Buy', stakeholders: ['S1'], options: ['build', 'buy'] });
  assert.deepEqual(e.decisions()[0].options, ['build', 'buy']);
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Vendor slips' });
  assert.deepEqual(e.raidSummaryWithRisks(reg).map((r) => r.type), ['risk', 'assumption', 'issue', 'decision']);
  assert.deepEqual(e.raidSummary().map((r) => r.type), ['assumption', 'issue', 'decision']);
  e.addIssue({
    id: 'I-1', title: 'Login, "SSO" fails', raised_by: 'S1', raised: '2027-05-07T15:00:00', severity: 'critical',
    tasks: [a, b], impact: { delay: 90, extra_cost: 1234.5, fix_task: { name: 'Hotfix', duration: D, after: [a], before: [c] } },
  });
  const text = e.issuesToCsv();
  const fresh = engagement();
  assert.equal(fresh.issuesFromCsv(text), 2);
  assert.deepEqual(fresh.issues, e.issues);
  assert.throws(
    () => fresh.issuesFromCsv('id,title,raised_by,raised,severity,tasks\nI-5,x,S1,2027-05-03T09:00:00,low,one\n'),
    (x) => x.kind === 'client' && /row 1, column "tasks"/.test(x.message),
  );
  assert.equal(fresh.issues.length, 2);
});
