// MSPDI, CSV and text exports from JS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initSync, Project } from '../pkg/planix_wasm.js';

initSync({ module: readFileSync(new URL('../pkg/planix_wasm_bg.wasm', import.meta.url)) });
const json = readFileSync(new URL('../../examples/data/case_study.json', import.meta.url), 'utf8');

test('MSPDI round trip from text and from bytes', () => {
  const p = Project.fromJson(json);
  const xml = p.toMspdi();
  const q = Project.fromMspdi(xml);
  assert.equal(q.schedule().toJson(), p.schedule().toJson());
  const r = Project.fromMspdi(new TextEncoder().encode(xml));
  assert.equal(r.toJson(), q.toJson());
  assert.throws(() => Project.fromMspdi('<APIBusinessObjects/>'), (e) => e.kind === 'io' && /Primavera/.test(e.message));
  assert.throws(() => Project.fromMspdi(42), TypeError);
});

test('CSV round trip and text exports', () => {
  const p = Project.fromJson(json);
  const t = p.toCsv();
  const q = Project.fromCsv(p.name, '2027-03-01T08:00', t.tasks, t.resources, t.assignments);
  assert.deepEqual(q.tasks().map((x) => x.name), p.tasks().map((x) => x.name));
  assert.match(p.export('mermaid'), /^gantt\n/);
  assert.match(p.export('ical'), /^BEGIN:VCALENDAR\r\n/);
  assert.throws(() => p.export('docx'), (e) => typeof e.kind === 'string');
});
