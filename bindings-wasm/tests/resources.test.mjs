// Resources, costs, loading and leveling through the npm package (the same hand-worked
// cases as core/tests/resources.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function agency() {
  const p = new Project('Agency', '2027-01-04T08:00');
  const ana = p.addResource({ name: 'Ana', max_units: 1, standard_rate: 100 });
  const logo = p.addTask({ name: 'Logo', duration: 960 });
  const flyer = p.addTask({ name: 'Flyer', duration: 480 });
  const print = p.addTask({ name: 'Print', duration: 480 });
  p.link(flyer, print);
  p.assign(logo, ana);
  p.assign(flyer, ana, { units: 1 });
  return { p, ana, logo, flyer };
}

test('level: sequences a shared person and says why', () => {
  const { p, ana, logo, flyer } = agency();
  const lv = p.level();
  assert.equal(lv.before.length, 1);
  assert.deepEqual(lv.before[0].tasks, [logo, flyer]);
  assert.equal(lv.remaining.length, 0);
  assert.equal(lv.schedule.finish, '2027-01-06T17:00:00');
  const d = lv.delay(logo);
  assert.equal(d.delay, 480);
  assert.equal(d.resource, ana);
  assert.deepEqual(d.blocked_by, [flyer]);
  assert.equal(d.holders, 1);
  assert.deepEqual(lv.holders(p, logo), [flyer]);
  assert.deepEqual(lv.holders(p, flyer), []);
  assert.equal(lv.delay(flyer), undefined);
  assert.deepEqual(lv.schedule.driver(logo), { type: 'leveling' });
  assert.equal(p.overallocations().length, 1); // the project is unchanged
  const a = p.level({ mode: 'optimize', max_schedules: 500, seed: 3 }).toJson();
  assert.equal(a, p.level({ mode: 'optimize', max_schedules: 500, seed: 3 }).toJson());
});

test('applyLeveling: the leveled schedule becomes the plan; stale results are refused', () => {
  const { p, logo } = agency();
  const lv = p.level();
  p.applyLeveling(lv);
  assert.equal(p.task(logo).leveling_delay, 24 * 60); // Monday 08:00 to Tuesday 08:00
  assert.equal(p.schedule().finish, '2027-01-06T17:00:00');
  assert.equal(p.overallocations().length, 0);
  assert.equal(Project.fromJson(p.toJson()).schedule().finish, '2027-01-06T17:00:00');
  p.addTask({ name: 'Extra', duration: 60 });
  assert.throws(() => p.applyLeveling(lv), (e) => e.kind === 'model' && /compute it again/.test(e.message));
  p.clearLeveling();
  assert.equal(p.schedule().finish, '2027-01-05T17:00:00');
});

test('errors: never fits, bad options, time limit without a clock', () => {
  const p = new Project('p', '2027-01-04T08:00');
  const duo = p.addResource({ name: 'Duo', max_units: 2 });
  const t = p.addTask({ name: 'Heavy lift', duration: 480 });
  p.assign(t, duo, { units: 3 });
  assert.throws(() => p.level(), (e) => e.name === 'LevelingError' && e.task === t && e.resource === duo);
  assert.throws(() => p.level({ mode: 'perfect' }), { name: 'ValueError' });
  assert.throws(() => p.level({ max_schedule: 5 }), /unknown field `max_schedule`/);
  assert.throws(() => p.level({ time_limit: 1 }), { name: 'LevelingError' });
  assert.throws(() => p.addResource({ name: 'X', max_units: -1 }), { name: 'ModelError' });
  assert.throws(() => p.addResource({ name: 'X', kind: 'robot' }), { name: 'ValueError' });
  assert.throws(() => p.assign(t, 99), { name: 'ModelError' });
  assert.throws(() => p.loading('fortnight'), { name: 'ValueError' });
  assert.throws(() => p.setPriority(t, 1001), { name: 'ModelError' });
  assert.equal(p.resources().length, 1);
});

test('costs: hand-worked totals and time-phased curve', () => {
  const p = new Project('p', '2027-01-04T08:00');
  const ana = p.addResource({
    name: 'Ana',
    rates: [
      { standard: 100, overtime: 150, per_use: 50 },
      { from: '2027-01-06', standard: 120, overtime: 180, per_use: 50 },
    ],
  });
  const ben = p.addResource({ name: 'Ben', standard_rate: 80, overtime_rate: 120 });
  const lic = p.addResource({ name: 'Licence', kind: 'material', material_label: 'seat', standard_rate: 30 });
  const travel = p.addResource({ name: 'Travel', kind: 'cost' });
  const phase = p.addTask({ name: 'Phase' });
  const build = p.addTask({ name: 'Build', duration: 1440, parent: phase });
  const tst = p.addTask({ name: 'Test', duration: 480, parent: phase });
  p.setCost(build, 250, 0);
  p.link(build, tst);
  p.assign(build, ana);
  p.assign(build, lic, { units: 10 });
  p.assign(tst, ben, { units: 0.5, overtime: 120 });
  p.assign(tst, travel, { cost: 400 });
  const c = p.costs();
  assert.equal(p.costsOf(p.schedule()).total, c.total);
  const close = (a, b) => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b}`);
  close(c.total, 3960);
  close(c.task(phase), 3960);
  close(c.resources.find((r) => r.name === 'Ana').cost, 2610);
  const days = c.timephased('day');
  assert.deepEqual(days.map((d) => d.period), ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07']);
  close(days[3].cumulative, 3960);
  assert.equal(c.timephased().length, 1);
});

test('loading: leave and availability per week', () => {
  const p = new Project('p', '2027-01-04T08:00');
  const ana = p.addResource({ name: 'Ana', leave: [{ from: '2027-01-05', until: '2027-01-06' }] });
  const t = p.addTask({ name: 'Review', duration: 960 });
  p.assign(t, ana);
  const lv = p.level();
  assert.equal(lv.schedule.task(t).start, '2027-01-07T08:00:00');
  const s = lv.schedule;
  const rows = p.loadingOf(s, 'week');
  assert.equal(p.overallocationsOf(s).length, 0);
  assert.equal(s.finish, '2027-01-08T17:00:00'); // still usable: only read
  assert.equal(rows.length, 1);
  assert.equal(rows[0].demand_hours, 16);
  assert.equal(rows[0].available_hours, 24);
  const daily = p.loading('day');
  assert.equal(daily[1].period, '2027-01-05');
  assert.equal(daily[1].overallocated, true);
});

test('effort-driven assignment and JSON round trip', () => {
  const p = new Project('p', '2027-01-04T08:00');
  const a = p.addResource({ name: 'Ana' });
  const b = p.addResource({ name: 'Ben' });
  const t = p.addTask({ name: 'Build', duration: 2400 });
  p.setEffortDriven(t, true);
  p.assign(t, a);
  p.assign(t, b);
  assert.equal(p.task(t).duration, 1200);
  const q = Project.fromJson(p.toJson());
  assert.equal(q.toJson(), p.toJson());
  assert.equal(q.assignments().length, 2);
});
