// Progress and cancel from JS: `on_progress(done, total)` on simulate and level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Project } from '../pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../pkg/planix_wasm_bg.wasm', import.meta.url)) });
const DAY = 480;

function plan() {
  const p = new Project('Progress', '2027-03-01T08:00');
  const ana = p.addResource({ name: 'Ana', max_units: 1, standard_rate: 100 });
  let prev;
  for (let k = 0; k < 20; k++) {
    const t = p.addTask({ name: `T${k}`, duration: (1 + (k % 4)) * DAY });
    p.setEstimate(t, DAY, (1 + (k % 4)) * DAY, 6 * DAY);
    p.assign(t, ana);
    if (prev !== undefined && k % 3 === 0) p.addDependency({ predecessor: prev, successor: t });
    prev = t;
  }
  return p;
}

test('simulate reports progress and the same report as without a callback', () => {
  const p = plan();
  const calls = [];
  const watched = p.simulate({ iterations: 2000, seed: 4, on_progress: (done, total) => { calls.push([done, total]); } });
  assert.deepEqual(calls.map((c) => c[1]), Array(8).fill(2000)); // chunks of 256
  assert.equal(calls.at(-1)[0], 2000);
  assert.equal(watched.toJson(), p.simulate({ iterations: 2000, seed: 4 }).toJson());
});

test('returning false stops a simulation with a SimulationError', () => {
  const p = plan();
  assert.throws(
    () => p.simulate({ iterations: 100000, on_progress: (done) => done < 1000 }),
    (e) => e.name === 'SimulationError' && e.kind === 'simulation' && /stopped after/.test(e.message),
  );
});

test('level takes on_progress; a callback that is not a function is refused', () => {
  const p = plan();
  let last = 0;
  const lv = p.level({ mode: 'optimize', max_schedules: 3000, on_progress: (done, total) => { assert.ok(done <= total); last = done; } });
  assert.ok(last <= 3000);
  assert.equal(lv.toJson(), p.level({ mode: 'optimize', max_schedules: 3000 }).toJson());
  assert.throws(() => p.level({ on_progress: 5 }), (e) => e.kind !== undefined && /on_progress/.test(e.message));
});
