// Scheduler through the npm package: the hand-worked network of
// bindings-python/tests/test_scheduler.py (A 1d -> B 2d, C 1d alone, from Mon
// 2027-01-04 08:00 on the standard calendar): A at 3 days moves B to Thu-Fri and the
// finish to Fri 2027-01-08 17:00; C's float grows with the finish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSync, Project, Scheduler } from '../pkg/planix_wasm.js';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
initSync({ module: readFileSync(here('../pkg/planix_wasm_bg.wasm')) });

function plan() {
  const p = new Project('Demo', new Date(2027, 0, 4, 8));
  const a = p.addTask({ name: 'A', duration: '1d' });
  const b = p.addTask({ name: 'B', duration: '2d' });
  const c = p.addTask({ name: 'C', duration: '1d' });
  p.link(a, b);
  return [p, a, b, c];
}

test('an edit returns the moved tasks; the schedule equals a full CPM', () => {
  const [p, a, b, c] = plan();
  const s = new Scheduler(p);
  assert.equal(s.finish, '2027-01-06T17:00:00');
  assert.deepEqual(s.setDuration(a, '3d'), { changed: [a, b, c], finish: '2027-01-08T17:00:00', rebuilt: false });
  assert.equal(s.task(b).early_start, '2027-01-07T08:00:00');
  assert.equal(s.task(c).total_float, 4 * 480);
  assert.equal(s.schedule().toJson(), s.project().schedule().toJson());
  assert.equal(p.schedule().finish, '2027-01-06T17:00:00'); // the original is a copy
  assert.deepEqual(s.setDuration(c, '2d').changed, [c]);
  assert.equal(s.link(c, b).rebuilt, true);
  s.setConstraint(c, 'snet', new Date(2027, 0, 5, 8));
  s.editTask(a, { duration: '1d' });
  assert.equal(s.schedule().toJson(), s.project().schedule().toJson());
});

test('a refused edit throws a typed error and changes nothing', () => {
  const [p, a, b] = plan();
  const s = new Scheduler(p);
  const before = s.schedule().toJson();
  assert.throws(() => s.setDuration(a, -60), { name: 'ModelError' });
  assert.throws(() => s.link(b, a), (e) => e.kind !== undefined);
  assert.throws(() => s.task(99), { name: 'ModelError' });
  assert.equal(s.schedule().toJson(), before);
  assert.equal(s.project().toJson(), p.toJson());
});
