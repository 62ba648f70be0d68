// The planix browser demo: open a plan, edit a duration or the predecessors in the
// table, and the Gantt chart, the critical path and the Monte Carlo histogram follow.
// Everything is computed by the planix WebAssembly module; this file only wires the page.
import init, { Project } from 'planix';

const $ = (id) => document.getElementById(id);
let project;
let minutesPerDay = 480;

function load(text, name) {
  const p = name.toLowerCase().endsWith('.xml') ? Project.fromMspdi(text) : Project.fromJson(text);
  project = p;
  const doc = JSON.parse(p.toJson());
  minutesPerDay = doc.calendars?.[doc.calendar]?.minutes_per_day ?? 480;
  render();
}

function days(minutes) {
  const d = Math.round((minutes / minutesPerDay) * 10) / 10;
  return `${d}d`;
}

function predecessors() {
  const m = new Map();
  for (const d of JSON.parse(project.toJson()).dependencies ?? []) {
    if (!m.has(d.successor)) m.set(d.successor, []);
    m.get(d.successor).push(d.predecessor);
  }
  return m;
}

function render() {
  const t0 = performance.now();
  const s = project.schedule();
  $('gantt').innerHTML = s.gantt(project);
  const rows = new Map(s.tasks().map((t) => [t.id, t]));
  const names = new Map(project.tasks().map((t) => [t.id, t.name]));
  $('finish').textContent = s.finish;
  $('critical').textContent = s.criticalPath().map((id) => names.get(id)).join(' → ');
  const preds = predecessors();
  const body = $('tasks').tBodies[0];
  body.replaceChildren();
  for (const t of project.tasks()) {
    const r = rows.get(t.id);
    if (!r) continue;
    const tr = document.createElement('tr');
    tr.dataset.task = t.id;
    const cell = (text, cls) => { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; tr.append(td); return td; };
    cell(t.id);
    cell(project.outlineNumber(t.id));
    cell(t.name, r.critical ? 'critical' : '');
    const summary = r.kind === 'summary';
    const dur = cell('');
    const pre = cell('');
    if (!summary) {
      const inp = document.createElement('input');
      inp.className = 'duration'; inp.defaultValue = days(r.duration);
      inp.addEventListener('change', () => {
        if (inp.value !== inp.defaultValue) edit(() => project.setDuration(t.id, inp.value.trim()));
      });
      dur.append(inp);
      const pin = document.createElement('input');
      pin.className = 'preds'; pin.defaultValue = (preds.get(t.id) ?? []).join(', ');
      pin.addEventListener('change', () => {
        if (pin.value !== pin.defaultValue) edit(() => setPredecessors(t.id, pin.value, preds.get(t.id) ?? []));
      });
      pre.append(pin);
    } else {
      dur.textContent = days(r.duration);
    }
    cell(r.start.replace('T', ' ').slice(0, 16));
    cell(r.finish.replace('T', ' ').slice(0, 16));
    cell(days(r.total_float));
    body.append(tr);
  }
  const uncertain = project.tasks().some((t) => t.estimate);
  $('histogram').innerHTML = uncertain
    ? project.simulate({ iterations: 1000, seed: 1 }).histogramChart({ title: 'Project finish: 1,000 iterations' })
    : '';
  $('timing').textContent = `rescheduled and redrawn in ${(performance.now() - t0).toFixed(1)} ms`;
}

/// Links the task to exactly the predecessors listed (finish-to-start for new ones).
function setPredecessors(id, text, current) {
  const wanted = text.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (wanted.some((x) => !Number.isInteger(x))) throw new Error(`"${text}" is not a list of task ids`);
  const added = [];
  try {
    for (const p of wanted) if (!current.includes(p)) { project.addDependency({ predecessor: p, successor: id }); added.push(p); }
  } catch (e) {
    for (const p of added) project.removeDependency(p, id);
    throw e;
  }
  for (const p of current) if (!wanted.includes(p)) project.removeDependency(p, id);
}

function edit(change) {
  let message = '';
  try {
    change();
  } catch (e) {
    // planix leaves the project unchanged on a failed edit; say why.
    message = `${e.name}: ${e.message}`;
  }
  // Redraw after the event that asked for it (the edited input is replaced).
  setTimeout(() => {
    render();
    $('error').textContent = message;
  }, 0);
}

$('file').addEventListener('change', async (ev) => {
  const f = ev.target.files[0];
  if (!f) return;
  try {
    load(await f.text(), f.name);
    $('error').textContent = '';
  } catch (e) {
    $('error').textContent = `${e.name}: ${e.message}`;
  }
});

await init();
const start = new URL(location.href).searchParams.get('plan') ?? '../../examples/data/case_study.json';
const res = await fetch(new URL(start, location.href));
load(await res.text(), start);
document.body.dataset.ready = 'yes';
