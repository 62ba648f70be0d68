// Charts and Gantt-widget data from JS: SVG text from core (the same bytes as Python
// and the CLI, compared in scripts/test.sh), widget rows in each widget's documented
// shape (rendered by the widgets themselves in headless Chromium by tests/npm/run.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Project, RiskRegister } from '../pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../pkg/planix_wasm_bg.wasm', import.meta.url)) });
const data = (f) => readFileSync(new URL(`../../examples/data/${f}`, import.meta.url), 'utf8');

const isSvg = (s) => s.startsWith('<svg xmlns="http://www.w3.org/2000/svg"') && s.trimEnd().endsWith('</svg>')
  && !/<script|<foreignObject/.test(s);

test('every chart is static SVG', () => {
  const p = Project.fromJson(data('case_study_tracked.json'));
  const reg = RiskRegister.fromJson(data('case_study_risks.json'));
  const sim = p.simulate({ iterations: 300, seed: 3 });
  const l = p.level();
  const charts = {
    gantt: p.gantt(), collapsed: p.gantt({ max_level: 1 }), network: p.network(),
    schedule: p.schedule().gantt(p), leveled: l.gantt(p), loading: l.loadingChart(p), costs: p.costs().chart('month'),
    histogram: sim.histogramChart(), tornado: sim.tornadoChart({ count: 5 }),
    heatmap: reg.heatmapChart({ view: 'residual' }), pert: p.pert().network(p),
    scurve: p.chart('scurve'), cost: p.chart('cost'), risks: p.chartWithRisks('heatmap', reg),
  };
  for (const [k, v] of Object.entries(charts)) assert.ok(isSvg(v), k);
  assert.equal(p.gantt(), p.gantt());
  assert.match(p.textGantt({ width: 80 }), /█/);
});

test('bad options are typed errors naming the option', () => {
  const p = Project.fromJson(data('case_study.json'));
  assert.throws(() => p.gantt({ row_height: 2 }), (e) => e.kind === 'value' && /row_height/.test(e.message));
  assert.throws(() => p.gantt({ colour: 'red' }), (e) => e.kind === 'value' && /colour/.test(e.message));
  assert.throws(() => p.gantt({ tasks: [999] }), (e) => e.kind === 'model' && /#999/.test(e.message));
  assert.throws(() => p.chart('pie'), (e) => e.kind === 'value');
  assert.throws(() => p.chart('heatmap'), (e) => e.kind === 'render' && /register/.test(e.message));
});

test('frappe-gantt rows: ids as text, dates frappe parses, predecessors, classes', () => {
  const p = Project.fromJson(data('case_study.json'));
  const s = p.schedule();
  const rows = p.toFrappeGantt();
  assert.equal(rows.length, s.tasks().length);
  const byId = new Map(s.tasks().map((t) => [String(t.id), t]));
  for (const r of rows) {
    const t = byId.get(r.id);
    assert.match(r.start, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(r.start, t.start.replace('T', ' '));
    assert.equal(r.end, t.finish.replace('T', ' '));
    assert.equal(r.custom_class.includes('planix-critical'), t.critical);
  }
  const withPred = rows.find((r) => r.dependencies.length > 0);
  for (const d of withPred.dependencies.split(', ')) assert.ok(byId.has(d));
});

test('gantt-task-react rows: Date objects, types, parents, critical styles', () => {
  const p = Project.fromJson(data('case_study.json'));
  const rows = p.toGanttTaskReact();
  const s = p.schedule();
  assert.ok(rows.every((r) => r.start instanceof Date && r.end instanceof Date && r.start <= r.end));
  const first = s.tasks().find((t) => String(t.id) === rows[1].id);
  assert.equal(rows[1].start.getTime(), new Date(first.start).getTime());
  assert.deepEqual(new Set(rows.map((r) => r.type)), new Set(['project', 'task', 'milestone']));
  const child = rows.find((r) => r.project !== undefined);
  assert.ok(rows.some((r) => r.id === child.project && r.type === 'project'));
  const crit = rows.find((r) => r.isCritical);
  assert.equal(crit.styles.backgroundColor, '#D55E00');
  assert.deepEqual(rows.map((r) => r.displayOrder), rows.map((_, i) => i + 1));
});

test('dhtmlxGantt data: type codes, 0..1 progress, link types and lags', () => {
  const p = Project.fromJson(data('case_study_tracked.json'));
  const d = p.toDhtmlxGantt();
  assert.equal(d.links.length, JSON.parse(p.toJson()).dependencies.length);
  assert.ok(d.links.every((l) => ['0', '1', '2', '3'].includes(l.type)));
  assert.ok(d.data.every((t) => t.progress >= 0 && t.progress <= 1));
  assert.ok(d.data.some((t) => t.progress > 0 && t.progress < 1));
  assert.ok(d.data.every((t) => /^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(t.start_date)));
});
