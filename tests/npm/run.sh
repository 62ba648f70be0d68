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
