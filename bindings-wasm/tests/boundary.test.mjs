// The boundary as a front-end developer meets it: dates as `Date` or text, durations
// as text, plain Arrays, toObject on every result, the edit calls, typed errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project, RiskRegister, Engagement, Board } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function plan() {
  const p = new Project('Web', new Date(2027, 0, 4, 8, 0));
  const a = p.addTask({ name: 'Design', duration: '3d' });
  const b = p.addTask({ name: 'Build', duration: '1w' });
  const c = p.addTask({ name: 'Live', duration: 0 });
  p.addDependency({ predecessor: a, successor: b, lag: '1d' });
  p.link(b, c);
  return [p, a, b, c];
}

test('a Date is a local date-time; a wrong type is a TypeError, a bad text a ValueError', () => {
  const [p] = plan();
  assert.equal(p.schedule().start, '2027-01-04T08:00:00');
  assert.throws(() => new Project('X', 42), (e) => e instanceof TypeError && e.kind === 'value' && /start/.test(e.message));
  assert.throws(() => new Project('X', 'next monday'), (e) => e.name === 'ValueError' && /next monday/.test(e.message));
  assert.throws(() => new Project('X', new Date('nope')), { name: 'ValueError' });
  const back = new Project('B', '2027-01-04', new Date(2027, 5, 30, 17));
  assert.equal(back.schedule().finish, '2027-06-30T17:00:00');
});

test('a Date nested in data goes into a date-only field as its local day', () => {
  // An item's `due`, a risk action's `due` and a risk's `next_review` are calendar days;
  // a Date there is its local day, in every element of a list, and next to a date-time.
  const b = new Board('B');
  b.addColumn({ id: 'todo', name: 'To do' });
  b.addItem({ id: 'A', title: 'A', due: new Date(2027, 2, 12) }, new Date(2027, 2, 1, 9));
  b.addItem({ id: 'B', title: 'B', due: new Date(2027, 2, 15, 17, 30) }, '2027-03-01T09:00');
  assert.equal(b.item('A').due, '2027-03-12');
  assert.equal(b.item('B').due, '2027-03-15');
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Late API', next_review: new Date(2027, 1, 1) });
  reg.respond('R1', 'mitigate', [
    { description: 'a', owner: 'PM', due: new Date(2027, 1, 20) },
    { description: 'b', owner: 'PM', due: new Date(2027, 1, 21) },
  ]);
  assert.equal(reg.get('R1').next_review, '2027-02-01');
  assert.deepEqual(reg.get('R1').responses[0].actions.map((a) => a.due), ['2027-02-20', '2027-02-21']);
  // A text date-time stays an error there, naming the field.
  assert.throws(
    () => b.addItem({ id: 'C', title: 'C', due: '2027-03-12T08:00:00' }, '2027-03-01T09:00'),
    (e) => e.name === 'ValueError' && /due/.test(e.message),
  );
  assert.equal(b.items().length, 2);
});

test('durations and lags as MS Project text; hand-worked dates', () => {
  const [p, a, b, c] = plan();
  // Design Mon 4 Jan 08:00 + 3 d → Wed 6 Jan 17:00; 1 d lag; Build 5 d from Fri 8 Jan
  // 08:00 → Thu 14 Jan 17:00.
  const s = p.schedule();
  assert.equal(s.task(a).finish, '2027-01-06T17:00:00');
  assert.equal(s.task(b).start, '2027-01-08T08:00:00');
  assert.equal(s.finish, '2027-01-14T17:00:00');
  const cp = s.criticalPath();
  assert.ok(Array.isArray(cp));
  const names = new Map(p.tasks().map((t) => [t.id, t.name]));
  assert.deepEqual(cp.map((id) => names.get(id)), ['Design', 'Build', 'Live']);
  assert.equal(c, cp[2]);
  p.setDuration(b, '4h 30m');
  assert.equal(p.task(b).duration, 270);
  assert.throws(() => p.setDuration(b, '3'), (e) => e.name === 'ValueError' && e.kind === 'value' && /needs a unit/.test(e.message));
  assert.throws(() => p.setDuration(b, '2ed'), (e) => e.name === 'ValueError' && /elapsed/.test(e.message));
  assert.equal(p.task(b).duration, 270);
});

test('every edit call; a failed edit changes nothing', () => {
  const [p, a, b, c] = plan();
  p.setConstraint(b, 'snet', new Date(2027, 0, 18, 8));
  assert.deepEqual(p.task(b).constraint, { type: 'snet', date: '2027-01-18T08:00:00' });
  assert.throws(() => p.setConstraint(b, 'mso'), (e) => e.name === 'ValueError' && /needs a date/.test(e.message));
  assert.throws(() => p.setConstraint(b, 'soon'), (e) => e.name === 'ValueError' && /asap/.test(e.message));
  p.setDeadline(c, '2027-02-01T17:00');
  assert.equal(p.task(c).deadline, '2027-02-01T17:00:00');
  p.setDeadline(c);
  assert.equal(p.task(c).deadline, undefined);
  const rev = p.revision;
  assert.throws(() => p.editTask(a, { name: 'Renamed', parent: 99 }), { name: 'ModelError' });
  assert.throws(() => p.editTask(a, { durration: '1d' }), (e) => e.name === 'ValueError' && /durration/.test(e.message));
  assert.equal(p.task(a).name, 'Design');
  assert.equal(p.revision, rev);
  p.editTask(a, { duration: '2d', notes: 'with the client', deadline: new Date(2027, 0, 20, 17) });
  assert.deepEqual([p.task(a).duration, p.task(a).notes, p.task(a).deadline], [960, 'with the client', '2027-01-20T17:00:00']);
  assert.equal(p.outlineNumber(b), '2');
  p.removeDependency(b, c);
  const gone = p.removeTask(c);
  assert.ok(Array.isArray(gone));
  assert.deepEqual(gone, [c]);
  assert.equal(p.taskCount, 2);
  const cal = p.calendar(1);
  assert.equal(cal.minutes_per_day, 480);
  p.replaceCalendar(1, { ...cal, name: 'Office' });
  assert.equal(p.calendar(1).name, 'Office');
  assert.equal(p.name, 'Web');
});

test('toObject works on the project and every result, and round-trips', () => {
  const [p, a] = plan();
  const doc = p.toObject();
  assert.equal(doc.format, 'planix');
  assert.ok(doc.calendars['1'], 'calendars keyed by id text');
  assert.equal(Project.fromObject(doc).toJson(), p.toJson());
  p.setEstimate(a, 960, 1440, 2880);
  const sim = p.simulate({ iterations: 200, seed: 1 });
  for (const r of [p.schedule(), sim, p.pert(), p.level(), p.costs()]) {
    const o = r.toObject();
    assert.equal(typeof o, 'object');
    assert.deepEqual(JSON.parse(r.toJson()), o);
  }
  assert.equal(sim.samples().length, 200);
  assert.equal(typeof sim.criticality[a], 'number');
  const reg = new RiskRegister();
  reg.add({ id: 'R1', title: 'Slow API', tasks: [a] });
  // Inside data objects a Date fills date-time fields; date-only fields take "YYYY-MM-DD".
  reg.assess('R1', { probability: 0.5, date: '2027-01-04', impacts: { schedule: 3 }, delay: { optimistic: 480, most_likely: 960, pessimistic: 1920 } });
  const f = reg.forecast(p, { iterations: 200, seed: 2, confidence: 90 });
  assert.equal(f.toObject().reserve.confidence, 90);
  assert.deepEqual(Object.keys(reg.totalEmv()).sort(), ['net', 'opportunities', 'threats']);
  const e = new Engagement('Northwind', { contract_value: 1000 });
  assert.equal(e.account.contract_value, 1000);
  assert.throws(() => new Engagement('N', { contractValue: 1 }), (err) => err.name === 'ValueError' && /contractValue/.test(err.message));
});
