// Boards and throughput forecasts through the npm package: the hand-worked sprint of
// core/tests/agile.rs (numbers worked in its doc comment) and exact forecasts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  initSync, Board, Project, forecastWhen, forecastHowMany, forecastCutLine, planDuration,
} from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function sprintBoard() {
  const b = new Board('Portal');
  b.addColumn({ id: 'todo', name: 'To do' });
  b.addColumn({ id: 'dev', name: 'In progress', stage: 'doing' });
  b.addColumn({ id: 'done', name: 'Done', stage: 'done' });
  for (const [id, estimate] of [['A', 3], ['B', 5], ['C', 2], ['D', 4], ['E', 1]]) {
    b.addItem({ id, title: `Item ${id}`, estimate }, '2027-02-22T09:00', 'pm');
  }
  b.moveCard('E', { column: 'dev' }, new Date(2027, 1, 24, 9));
  b.moveCard('E', { column: 'done' }, new Date(2027, 1, 26, 12));
  b.addSprint('S1', new Date(2027, 2, 1), '2027-03-05', { goal: 'Login' });
  for (const id of 'ABCE') b.addToSprint('S1', id, '2027-02-28T10:00', 'pm');
  b.startSprint('S1', '2027-03-01T09:00');
  b.moveCard('A', { column: 'dev' }, '2027-03-01T10:00');
  b.moveCard('B', { column: 'dev' }, '2027-03-01T10:00');
  b.moveCard('A', { column: 'done' }, '2027-03-02T15:00');
  b.addToSprint('S1', 'D', '2027-03-03T10:00', 'pm');
  b.moveCard('D', { column: 'dev' }, '2027-03-03T11:00');
  b.moveCard('B', { column: 'done' }, '2027-03-04T11:00');
  b.removeFromSprint('S1', 'C', '2027-03-04T12:00', 'pm');
  b.moveCard('D', { column: 'done' }, '2027-03-05T16:00');
  return b;
}

test('burndown matches the hand-worked sprint', () => {
  const b = sprintBoard();
  const rows = b.burndown('S1');
  assert.deepEqual(rows.map((r) => [r.scope, r.completed, r.remaining, r.ideal]),
    [[10, 0, 10, 8], [10, 3, 7, 6], [14, 3, 11, 4], [12, 8, 4, 2], [12, 12, 0, 0]]);
  assert.deepEqual(b.burndownOutside('S1').map((o) => [o.item, o.when]), [['E', 'before']]);
  assert.equal(b.burndown('S1', null, new Date(2027, 2, 3)).length, 3);
  assert.match(b.burndownChart('S1'), /^<svg[\s\S]*Sprint S1/);
  assert.deepEqual(b.closeSprint('S1', '2027-03-05T18:00'), []);
  const v = b.velocity()[0];
  assert.deepEqual([v.committed, v.completed, v.added, v.removed], [10, 12, 4, 2]);
  const last = b.cfd('2027-03-01', '2027-03-05').at(-1);
  assert.deepEqual([last.backlog, last.todo, last.dev, last.done], [1, 0, 0, 4]);
  assert.match(b.cfdChart('2027-03-01', '2027-03-05'), /Cumulative flow/);
});

test('a hard WIP limit throws an AgileError naming the holders; nothing changes', () => {
  const b = new Board();
  b.addColumn({ id: 'todo', name: 'To do' });
  b.addColumn({ id: 'dev', name: 'Dev', stage: 'doing', wip: { limit: 1, hard: true } });
  b.addItem({ id: 'X', title: 'X' }, '2027-03-01T09:00');
  b.addItem({ id: 'Y', title: 'Y' }, '2027-03-01T09:00');
  b.moveCard('X', { column: 'dev' }, '2027-03-01T10:00');
  const before = b.toJson();
  assert.throws(() => b.moveCard('Y', { column: 'dev' }, '2027-03-01T11:00'), (e) => {
    assert.equal(e.name, 'AgileError');
    assert.equal(e.kind, 'agile');
    assert.equal(e.item, 'Y');
    assert.deepEqual(e.holders, ['X']);
    return true;
  });
  assert.equal(b.toJson(), before);
  assert.equal(b.setWipLimit('column', 'dev', { limit: 1 }), null);
  const w = b.moveCard('Y', { column: 'dev' }, '2027-03-01T11:00');
  assert.deepEqual(w.map((x) => [x.scope, x.limit, x.count]), [['column', 1, 2]]);
  assert.deepEqual(b.health('2027-03-02T09:00').map((f) => f.rule), ['wip_over_limit']);
  assert.equal(Board.fromJson(b.toJson()).toJson(), b.toJson());
  assert.equal(b.length, 2);
});

test('bad input is a typed error', () => {
  const b = new Board();
  assert.throws(() => b.addColumn({ id: 'x', name: 'X', colour: 'red' }), { name: 'ValueError' });
  assert.throws(() => b.addItem({ id: 'A', title: 'A', estimate: -1 }, '2027-03-01'), { name: 'ValueError' });
  assert.throws(() => b.addItem({ id: 'A', title: 'A' }, 42), { name: 'TypeError' });
  assert.throws(() => Board.fromJson('{"format":"planix-board","version":99}'), { name: 'IoError' });
  assert.throws(() => forecastWhen([0, 0], 5, '2027-03-01'), { name: 'AgileError' });
  assert.throws(() => b.addSprint('S', '2027-03-05', '2027-03-01'), { name: 'AgileError' });
});

test('forecasts are exact for a constant throughput; seeded ones equal Rust and Python', () => {
  const f = forecastWhen([2, 2, 2, 2, 2], 9, new Date(2027, 2, 5));
  assert.deepEqual([f.periods, f.p85], [[5, 5, 5], '2027-03-11']);
  const m = forecastHowMany([2, 2, 2, 2, 2], '2027-03-01', '2027-03-09');
  assert.deepEqual([m.periods, m.p50, m.mean], [7, 14, 14]);
  const s = forecastWhen([{ team: 'a', samples: [8] }, { team: 'b', samples: [4] }], 30,
    '2027-03-01', null, { cadence: { type: 'sprint', days: 14 } });
  assert.deepEqual([s.periods[1], s.p85], [3, '2027-04-11']);
  const c = forecastCutLine([2, 2, 2, 2, 2],
    [{ name: 'F1', low: 4, high: 4 }, { name: 'F2', low: 6, high: 6 }],
    '2027-03-01', '2027-03-05', { low: 1.5, high: 1.5 });
  assert.deepEqual(c.features.map((x) => x.p85), ['2027-03-03', '2027-03-10']);
  assert.equal(c.above_line, 1);
  const noisy = [0, 1, 3, 0, 2, 5, 1];
  const a = forecastWhen(noisy, 40, '2027-03-01', null, { seed: 7 });
  assert.deepEqual(a, forecastWhen(noisy, 40, '2027-03-01', null, { seed: 7 }));
  // The values core/tests/agile.rs pins (seeded_forecasts_are_pinned_across_languages).
  assert.deepEqual([a.p50, a.p85, a.p95, a.periods],
    ['2027-04-01', '2027-04-08', '2027-04-13', [24, 29, 32]]);
  const cut = forecastCutLine(noisy, [{ name: 'A', low: 3, high: 9 }, { name: 'B', low: 5, high: 20 }],
    '2027-03-01', '2027-04-01', { low: 1, high: 2 }, null, { seed: 3 });
  assert.deepEqual(cut.features.map((f) => [f.p85, f.by_deadline]),
    [['2027-03-12', 0.9998], ['2027-04-01', 0.8568]]);
});

test('sprint capacity from a project', () => {
  const p = new Project('Portal', '2027-03-01T08:00');
  const dev = p.addResource({ name: 'Dev' });
  const b = new Board();
  b.addSprint('S1', '2027-03-01', '2027-03-12');
  assert.ok(Math.abs(b.capacity('S1', p, [dev], 0.8) - 64) < 1e-9);
});

test('a backlog bound to the plan moves the milestone', () => {
  // Design Mon 1 – Tue 2 March, then 9 items at 2 a day: Wed 3 – Tue 9 March.
  const p = new Project('Portal', '2027-03-01T08:00');
  const a = p.addTask({ name: 'Design', duration: '2d' });
  const b = p.addTask({ name: 'Build (backlog)', duration: '1d' });
  const m = p.addTask({ name: 'UAT', duration: 0 });
  p.link(a, b);
  p.link(b, m);
  const d = planDuration(forecastWhen([2, 2, 2], 9, '2027-03-03'), p, b);
  assert.equal(d.quantiles.length, 101);
  assert.equal(p.simulate({ iterations: 500, seed: 1, durations: [d] }).percentile(80), '2027-03-09T17:00:00');
  assert.throws(() => p.simulate({ iterations: 10, durations: [{ task: b, quantiles: [960, 480] }] }),
    { name: 'SimulationError' });
  assert.throws(() => planDuration(forecastWhen([1], 1, '2027-03-03'), p, 99), { name: 'AgileError' });
});

test('board rules join the project health', () => {
  const p = new Project('Portal', '2027-03-01T08:00');
  p.addTask({ name: 'Build', duration: '2d' });
  const b = new Board();
  b.addColumn({ id: 'dev', name: 'Dev', stage: 'doing', wip: { limit: 1 } });
  for (const id of 'AB') b.addItem({ id, title: id }, '2027-03-01T09:00');
  for (const id of 'AB') b.moveCard(id, { column: 'dev' }, '2027-03-01T10:00');
  const h = p.healthWithBoard(b);
  assert.equal(h.areas.find((a) => a.area === 'agile').rag, 'amber');
  assert.deepEqual(h.findings.filter((f) => f.area === 'agile').map((f) => f.rule), ['wip_over_limit']);
});
