#!/usr/bin/env bash
# The npm package as a front-end developer installs it: the packed tarball's contents,
# the README's JS block run verbatim in Node, and a page that uses it in headless
# Chromium three ways: a plain <script type="module">, an esbuild bundle and a vite
# build. Needs bindings-wasm/pkg built, Debian's chromium and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
work=target/npm
rm -rf "$work" && mkdir -p "$work/app"
(cd bindings-wasm/pkg && npm pack -q --pack-destination "$root/$work" >/dev/null)
tarball=$(ls "$work"/planix-*.tgz)
files=$(tar tzf "$tarball")
for f in package/package.json package/README.md package/LICENSE-MIT package/LICENSE-APACHE \
         package/planix_wasm.js package/planix_wasm_bg.wasm package/planix_wasm.d.ts package/node.js; do
  grep -qx "$f" <<<"$files" || { echo "npm: $f missing from the tarball"; exit 1; }
done

cd "$work/app"
cat > package.json <<'JSON'
{ "name": "app", "private": true, "type": "module" }
JSON
npm install -q --no-audit --no-fund "$root/$tarball" esbuild@0.28.2 vite@8.3.8 playwright-core@1.65.1 >/dev/null

echo "== npm: the README's JavaScript block, verbatim, in Node"
python3 - "$root/README.md" > readme.mjs <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text.split("## From JavaScript (npm)", 1)[1]
print(re.search(r"```js\n(.*?)```", section, re.S).group(1))
PY
node readme.mjs | tee readme.out
grep -q "2027-01-14T17:00:00" readme.out
echo "== npm: the README's MS Project block, verbatim, in Node"
python3 - "$root/README.md" > readme-mspdi.mjs <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text.split("## Open a Microsoft Project plan", 1)[1]
print(re.search(r"```js\n(.*?)```", section, re.S).group(1))
PY
PLAN="$root/target/case_study.xml" node readme-mspdi.mjs | tee readme-mspdi.out
grep -q "2027-07-27T17:00:00" readme-mspdi.out
cmp case_study-js.xml "$root/target/case_study.xml"

echo "== npm: a page in headless Chromium (module script, esbuild bundle, vite build)"
cat > main.js <<'JS'
import init, { Project } from 'planix';
export async function run(init_arg) {
  await init(init_arg);
  const p = new Project('Web', new Date(2027, 0, 4, 8, 0));
  const a = p.addTask({ name: 'Design', duration: '3d' });
  const b = p.addTask({ name: 'Build', duration: '1w' });
  p.addDependency({ predecessor: a, successor: b, lag: '1d' });
  const s = p.schedule();
  return `${s.finish} ${JSON.stringify(s.criticalPath())}`;
}
JS
# 1. No bundler: the package files served as they are, resolved by an import map.
mkdir -p plain && cp -r node_modules/planix plain/planix
cat > plain/index.html <<'HTML'
<!doctype html><script type="importmap">{"imports": {"planix": "./planix/planix_wasm.js"}}</script>
<script type="module">
import { run } from './main.js';
run().then((r) => { document.title = 'ok ' + r; }, (e) => { document.title = 'error ' + e; });
</script>
HTML
cp main.js plain/
# 2. esbuild: the .wasm as a file asset, its URL passed to init.
mkdir -p esb
cat > esb/entry.js <<'JS'
import wasmUrl from 'planix/planix_wasm_bg.wasm';
import { run } from '../main.js';
run({ module_or_path: new URL(wasmUrl, import.meta.url) }).then((r) => { document.title = 'ok ' + r; }, (e) => { document.title = 'error ' + e; });
JS
node_modules/.bin/esbuild esb/entry.js --bundle --format=esm --loader:.wasm=file --outdir=esb/out --log-level=warning
echo '<!doctype html><script type="module" src="./out/entry.js"></script>' > esb/index.html
# 3. vite: as is.
mkdir -p vit
cat > vit/entry.js <<'JS'
import { run } from '../main.js';
run().then((r) => { document.title = 'ok ' + r; }, (e) => { document.title = 'error ' + e; });
JS
echo '<!doctype html><script type="module" src="./entry.js"></script>' > vit/index.html
node_modules/.bin/vite build vit --base ./ --outDir dist --logLevel warn >/dev/null

cat > browse.mjs <<'JS'
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  let f = join(process.cwd(), decodeURIComponent(req.url.split('?')[0]));
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
  if (!existsSync(f)) { res.writeHead(404); res.end(); console.log('404', req.url); return; }
  res.writeHead(200, { 'content-type': types[extname(f)] || 'application/octet-stream' });
  res.end(readFileSync(f));
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
let failed = 0;
for (const page of ['plain/', 'esb/', 'vit/dist/']) {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${port}/${page}`);
  await tab.waitForFunction(() => document.title.length > 0, null, { timeout: 30000 });
  const title = await tab.title();
  const ok = title === 'ok 2027-01-14T17:00:00 [1,2]';
  console.log(`${ok ? 'ok' : 'FAIL'} ${page}: ${title}`);
  if (!ok) failed++;
}
await browser.close();
server.close();
process.exit(failed ? 1 : 0);
JS
node browse.mjs

echo "== npm: the browser demo (bindings-wasm/demo) and the Gantt widgets fed by planix, in headless Chromium"
npm install -q --no-audit --no-fund frappe-gantt@1.2.2 gantt-task-react@0.3.9 react@18.3.1 react-dom@18.3.1 >/dev/null
rm -rf site && mkdir -p site/bindings-wasm site/examples/data
cp -r "$root/bindings-wasm/demo" site/bindings-wasm/demo
cp -r node_modules/planix site/bindings-wasm/pkg
cp "$root/examples/data/case_study.json" site/examples/data/
# The widgets page: frappe-gantt and gantt-task-react (React 18) render planix's rows.
mkdir -p site/widgets
cat > site/widgets/entry.js <<'JS'
import init, { Project } from 'planix';
import Gantt from 'frappe-gantt';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Gantt as TaskGantt } from 'gantt-task-react';
const errors = [];
window.addEventListener('error', (e) => errors.push(String(e.message)));
(async () => {
  await init({ module_or_path: new URL('../../bindings-wasm/pkg/planix_wasm_bg.wasm', import.meta.url) });
  const p = Project.fromJson(await (await fetch('../examples/data/case_study.json')).text());
  const frappe = p.toFrappeGantt();
  new Gantt('#frappe', frappe, { view_mode: 'Week' });
  const tasks = p.toGanttTaskReact();
  createRoot(document.getElementById('gtr')).render(React.createElement(TaskGantt, { tasks }));
  await new Promise((r) => setTimeout(r, 1500));
  const bars = document.querySelectorAll('#frappe .bar-wrapper').length;
  const critical = document.querySelectorAll('#frappe .bar-wrapper.planix-critical').length;
  const arrows = document.querySelectorAll('#frappe .arrow path').length;
  const gtrRects = document.querySelectorAll('#gtr svg rect').length;
  document.title = JSON.stringify({ frappe: frappe.length, bars, critical, arrows, tasks: tasks.length, gtrRects, errors });
})().catch((e) => { document.title = JSON.stringify({ fatal: String(e) }); });
JS
cat > site/widgets/index.html <<'HTML'
<!doctype html><meta charset="utf-8"><div id="frappe"></div><div id="gtr"></div><script type="module" src="./out/entry.js"></script>
HTML
node_modules/.bin/esbuild site/widgets/entry.js --bundle --format=esm --loader:.css=empty --outdir=site/widgets/out --log-level=error --define:process.env.NODE_ENV='"production"'
cat > demo.mjs <<'JS'
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Project } from 'planix';
const root = join(process.cwd(), 'site');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = createServer((req, res) => {
  let f = join(root, decodeURIComponent(req.url.split('?')[0]));
  if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
  if (!existsSync(f)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[extname(f)] || 'application/octet-stream' });
  res.end(readFileSync(f));
}).listen(0, '127.0.0.1');
await new Promise((r) => server.on('listening', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const fail = (m) => { console.log('FAIL ' + m); process.exitCode = 1; };

// 1. The demo: lengthen a critical task; the finish and critical path follow planix.
const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
tab.on('pageerror', (e) => errors.push(String(e)));
await tab.goto(`${base}/bindings-wasm/demo/`);
await tab.waitForFunction(() => document.body.dataset.ready === 'yes', null, { timeout: 30000 });
const json = readFileSync('site/examples/data/case_study.json', 'utf8');
const expected = Project.fromJson(json);
const before = await tab.textContent('#finish');
if (before !== expected.schedule().finish) fail(`demo finish ${before}, planix ${expected.schedule().finish}`);
// "Core platform and data model" (critical): from its duration to 10 days more.
const target = expected.tasks().find((t) => t.name === 'Core platform and data model');
const row = `tr[data-task="${target.id}"] input.duration`;
const longer = `${Math.round(target.duration / 480) + 10}d`;
expected.setDuration(target.id, longer);
const s = expected.schedule();
const names = new Map(expected.tasks().map((t) => [t.id, t.name]));
await tab.fill(row, longer);
await tab.dispatchEvent(row, 'change');
await tab.waitForFunction((b) => document.getElementById('finish').textContent !== b, before, { timeout: 10000 });
const after = await tab.textContent('#finish');
const path = await tab.textContent('#critical');
if (after !== s.finish) fail(`demo finish after the edit ${after}, planix ${s.finish}`);
if (path !== s.criticalPath().map((id) => names.get(id)).join(' → ')) fail(`demo critical path ${path}`);
const svg = await tab.innerHTML('#gantt');
if (!svg.startsWith('<svg') || !svg.includes(target.name)) fail('demo Gantt missing');
if (!(await tab.innerHTML('#histogram')).includes('P80')) fail('demo histogram missing');
// A cycle is refused with a typed error and the plan is unchanged.
const out = JSON.parse(json).dependencies.find((d) => d.predecessor === target.id);
await tab.fill(`tr[data-task="${target.id}"] input.preds`, String(out.successor));
await tab.dispatchEvent(`tr[data-task="${target.id}"] input.preds`, 'change');
await tab.waitForFunction(() => document.getElementById('error').textContent.length > 0, null, { timeout: 10000 });
const err = await tab.textContent('#error');
if (!/Cycle|cycle/.test(err)) fail(`demo error for a cycle: ${err}`);
if ((await tab.textContent('#finish')) !== s.finish) fail('a refused edit changed the plan');
const timing = await tab.textContent('#timing');
await tab.screenshot({ path: 'demo.png', fullPage: false });
if (errors.length) fail(`demo page errors: ${errors.join('; ')}`);
console.log(`demo: finish ${before} -> ${after} after "${target.name}" = ${longer}; cycle refused (${err.split(':')[0]}); ${timing}`);

// 2. The widgets render planix's rows without errors.
const w = await browser.newPage();
await w.goto(`${base}/widgets/`);
await w.waitForFunction(() => document.title.startsWith('{'), null, { timeout: 30000 });
const r = JSON.parse(await w.title());
if (r.fatal || r.errors.length) fail(`widgets: ${r.fatal ?? r.errors.join('; ')}`);
else if (r.bars !== r.frappe || r.critical === 0 || r.arrows < 20) fail(`frappe-gantt drew ${JSON.stringify(r)}`);
else if (r.gtrRects < r.tasks) fail(`gantt-task-react drew ${JSON.stringify(r)}`);
else console.log(`widgets: frappe-gantt ${r.bars} bars (${r.critical} critical, ${r.arrows} arrows); gantt-task-react ${r.gtrRects} rects for ${r.tasks} tasks`);
await browser.close();
server.close();
JS
node demo.mjs
cp demo.png "$root/target/demo.png"
