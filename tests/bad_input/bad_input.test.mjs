// The JS door of the bad-input suite (cases from gen.py in $PLANIX_BAD_INPUT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Board, Engagement, Portfolio, Project, RiskRegister } from '../../bindings-wasm/pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../../bindings-wasm/pkg/planix_wasm_bg.wasm', import.meta.url)) });
const dir = process.env.PLANIX_BAD_INPUT ?? 'target/bad-input';
const cases = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8'));

function run(c) {
  const text = readFileSync(`${dir}/${c.file}`, 'utf8');
  if (c.op === 'board') {
    const b = Board.fromJson(text);
    b.text();
    b.velocity();
    b.health('2027-12-31T00:00');
    b.cfdChart('2027-03-01', '2027-03-31');
    return;
  }
  if (c.op === 'portfolio') {
    Portfolio.fromJson(text).rollup();
    return;
  }
  if (c.op === 'issue_csv') {
    const e = new Engagement('x');
    e.addStakeholder({ id: 'S1', name: 'Dana', role: 'CIO' });
    const before = e.toJson();
    try {
      e.issuesFromCsv(text);
    } finally {
      assert.equal(e.toJson(), before, 'a failed CSV import changed the engagement');
    }
    return;
  }
  if (c.op === 'engagement') {
    Project.fromJson(text);
    Engagement.fromJson(readFileSync(`${dir}/${c.engagement}`, 'utf8'));
    return;
  }
  const p = c.file.endsWith('.xml') ? Project.fromMspdi(text) : Project.fromJson(text);
  switch (c.op) {
    case 'schedule': p.schedule(); break;
    case 'simulate': p.simulate({ iterations: c.iterations ?? 200 }); break;
    case 'level': p.level({}); break;
    case 'dcma': p.dcma(c.baseline); break;
    case 'risks': {
      const reg = RiskRegister.fromCsv(readFileSync(`${dir}/${c.register}`, 'utf8'), '2027-03-01');
      reg.forecast(p, { iterations: 200, confidence: c.confidence ?? 80 });
      break;
    }
  }
}

for (const c of cases) {
  test(`bad input: ${c.name}`, () => {
    if (c.kind === 'ok') {
      run(c);
      return;
    }
    assert.throws(() => run(c), (e) => {
      assert.ok(e instanceof Error, 'an Error');
      assert.equal(e.kind, c.kind, `${e.name}: ${e.message}`);
      assert.ok(e.message.includes(c.fragment), e.message);
      return true;
    });
  });
}

test('failed edits leave the project unchanged', () => {
  const p = new Project('x', '2027-03-01T08:00');
  const a = p.addTask({ name: 'A', duration: 480 });
  const b = p.addTask({ name: 'B', duration: 480 });
  p.addDependency({ predecessor: a, successor: b });
  const before = p.toJson();
  for (const call of [
    () => p.addDependency({ predecessor: b, successor: a }),
    () => p.addDependency({ predecessor: a, successor: b, kind: 'xx' }),
    () => p.simulate({ iterations: -1 }),
  ]) {
    assert.throws(call, (e) => typeof e.kind === 'string' || e instanceof TypeError);
    assert.equal(p.toJson(), before);
  }
});
