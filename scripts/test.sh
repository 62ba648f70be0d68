#!/usr/bin/env bash
# Runs every test of planix (Rust, Python, JS, examples), installing what it needs first:
# the wasm32 target, wasm-bindgen-cli 0.2.130, maturin, pytest, pandas, mypy, npm's
# binaryen/esbuild/vite/playwright-core, Debian's chromium, and
# cargo-fuzz (run on the installed nightly toolchain) for the fuzz smoke run.
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PROPTEST_CASES="${PROPTEST_CASES:-256}"

echo "== tools"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
wasm-bindgen --version 2>/dev/null | grep -qx 'wasm-bindgen 0.2.130' || cargo install wasm-bindgen-cli --version 0.2.130
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/pip install -q "maturin>=1.16,<2" pytest pandas mypy nbclient nbformat ipykernel "dask[distributed]"
# MPXJ (Java) checks what the MSPDI writer writes: Java 17 and MPXJ through JPype.
command -v java >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q openjdk-17-jre-headless >/dev/null; }
.venv/bin/pip install -q mpxj JPype1 icalendar

echo "== rust: fmt, clippy, tests, docs"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test -p planix
RUSTDOCFLAGS=-Dwarnings cargo doc -p planix --no-deps -q

echo "== cli"
cargo build -q --release -p planix-cli
./target/release/planix schedule examples/data/case_study.json --format table | tail -3
set +e
echo '{"format": "planix"' > target/bad.json
./target/release/planix schedule target/bad.json 2>/dev/null; code=$?
set -e
[ "$code" = 1 ] || { echo "cli: expected exit 1 on bad input, got $code"; exit 1; }

echo "== cli: Ctrl-C stops an optimising leveling run, which prints its best schedule (exit 0)"
./target/release/planix level examples/data/case_study.json --mode optimize --max-schedules 1000000000 > target/lvl-int.json &
lvl=$!
sleep 2
kill -INT "$lvl"
wait "$lvl"
python3 -c "import json; d = json.load(open('target/lvl-int.json')); assert 0 < d['schedules'] < 1000000000, d['schedules']"

echo "== bad input: one case list through the CLI (then Python and JS below)"
python3 tests/bad_input/gen.py target/bad-input
bash tests/bad_input/cli.sh target/bad-input ./target/release/planix

echo "== psplib: every 24th instance of J30/J60/J90/J120, fast mode, 100% feasible (exit 1 otherwise)"
cargo build -q --release -p planix-benches --bin psplib --bin mpsplib
echo "== mpsplib: the 23 multi-project instances, fast mode, checked feasible, and split into portfolios with identical makespans"
./target/release/mpsplib --portfolio ../shared/data/mpsplib | tail -1
for set in j30 j60 j90 j120; do
  ./target/release/psplib --every 24 ../shared/data/psplib/$set | grep -E "instances|feasible|LB0|best known"
done
./target/release/psplib ../shared/data/psplib/j30/j301_1.sm | grep -q '"makespan": 43'

echo "== examples"
for ex in quickstart critical_path risk_register; do cargo run -q --release -p planix-examples --example "$ex" >/dev/null; done
cargo run -q --release -p planix-examples --example portfolio target/portfolio.json | tail -2
cmp target/portfolio.json examples/data/portfolio.json
cargo run -q --release -p planix-examples --example case_study target/case_study.json target/case_study_risks.json target/case_study_client.json target/case_study_tracked.json target/case_study_status.md | tail -2
cmp target/case_study.json examples/data/case_study.json
cmp target/case_study_risks.json examples/data/case_study_risks.json
cmp target/case_study_client.json examples/data/case_study_client.json
cmp target/case_study_tracked.json examples/data/case_study_tracked.json
grep -q "^# Status report: " target/case_study_status.md
echo "== agile: the case study's three sprints give the committed board and charts; the CLI reads them"
cargo run -q --release -p planix-examples --example agile target/case_study_board.json target/case_study_burndown.svg target/case_study_cfd.svg | tail -1
cmp target/case_study_board.json examples/data/case_study_board.json
cmp target/case_study_burndown.svg docs/img/case_study_burndown.svg
cmp target/case_study_cfd.svg docs/img/case_study_cfd.svg
echo "== charts: the case study's pictures equal the committed docs/img copies; the CLI draws the same bytes; the PNG matches its image"
for c in gantt network heatmap histogram scurve; do cmp target/case_study_$c.svg docs/img/case_study_$c.svg; done
./target/release/planix render examples/data/case_study_tracked.json --chart gantt | cmp - docs/img/case_study_gantt.svg
./target/release/planix render examples/data/case_study.json --chart heatmap --risks examples/data/case_study_risks.json | cmp - docs/img/case_study_heatmap.svg
./target/release/planix gantt examples/data/case_study.json --width 100 | grep -q "█ critical"
./target/release/planix portfolio examples/data/portfolio.json --level > target/portfolio-rollup.txt
grep -q "^portfolio " target/portfolio-rollup.txt
./target/release/planix board examples/data/case_study_board.json | grep -q "^== Done \[done\] (20 cards)"
./target/release/planix board examples/data/case_study_board.json --burndown S2 | grep -q "^2027-05-11     35         21         14"
./target/release/planix board examples/data/case_study_board.json --cfd 2027-04-12 2027-05-28 | cmp - docs/img/case_study_cfd.svg
./target/release/planix forecast --history 2,2,2,2,2 --items 9 --start 2027-03-05 | grep -q "P85 2027-03-11"
./target/release/planix forecast --board examples/data/case_study_board.json --calendar examples/data/case_study.json --since 2027-04-19 --items 5 --start 2027-06-01 --seed 17 | grep -q "^5 items from 2027-06-01: P50 2027-06-09, P85 2027-06-14"
cargo test -q --release -p planix-cli

echo "== python"
.venv/bin/pip install -q ./bindings-python
.venv/bin/python -m pytest -q bindings-python/tests
PLANIX_BAD_INPUT=target/bad-input .venv/bin/python -m pytest -q tests/bad_input/test_bad_input.py
.venv/bin/python -m mypy.stubtest planix._native --ignore-missing-stub
echo "== mspdi: MPXJ reads every file planix writes, field by field"
.venv/bin/python tests/mspdi/mpxj_check.py ../shared/data/mspdi target/case_study.xml
echo "== python: the README's Python block, verbatim"
.venv/bin/python - README.md > target/readme-py.py <<'PY'
import re, sys
section = open(sys.argv[1]).read().split("## From Python", 1)[1]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1))
PY
.venv/bin/python target/readme-py.py > target/readme-py.out
grep -q "2027-01-14 17:00:00" target/readme-py.out
echo "== python: the README's MS Project block, verbatim"
.venv/bin/python - README.md > target/readme-mspdi.py <<'PY'
import re, sys
section = open(sys.argv[1]).read().split("## Open a Microsoft Project plan", 1)[1]
print(re.search(r"```python\n(.*?)```", section, re.S).group(1))
PY
.venv/bin/python target/readme-mspdi.py | grep -q "tasks, finish 2027-07-27 17:00:00"
cmp target/case_study.xml target/case_study-out.xml
.venv/bin/python examples/python/case_study.py | tail -3
.venv/bin/python examples/python/portfolio_dask.py > target/portfolio-dask.txt 2>/dev/null
grep "identical to the serial run" target/portfolio-dask.txt
echo "== python: the tour notebook executed by nbclient, its pictures checked; charts equal the CLI's bytes"
.venv/bin/python examples/python/run_tour.py 2>&1 | grep -v "WARNING" | tail -1
.venv/bin/python -c "
import planix, pathlib
p = planix.Project.from_json(pathlib.Path('examples/data/case_study_tracked.json').read_text())
assert p.chart('gantt').svg == pathlib.Path('docs/img/case_study_gantt.svg').read_text()
assert p.schedule().gantt().svg == p.gantt(p.schedule()).svg
"
.venv/bin/python examples/python/risk_register.py | tail -1

echo "== wasm / npm"
bash bindings-wasm/build.sh
node --test bindings-wasm/tests/
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { Project } from './bindings-wasm/pkg/node.js';
const p = Project.fromJson(readFileSync('examples/data/case_study_tracked.json', 'utf8'));
if (p.chart('gantt') !== readFileSync('docs/img/case_study_gantt.svg', 'utf8')) { console.error('JS Gantt differs from the CLI and Python'); process.exit(1); }
console.log('js: the Gantt chart is the same bytes as the CLI and Python');
"
PLANIX_BAD_INPUT=target/bad-input node --test tests/bad_input/
# The generated .d.ts must type the public shapes (types_check.ts fails on `any`).
mkdir -p target/tsc
[ -x target/tsc/node_modules/.bin/tsc ] || npm install --prefix target/tsc -q --no-audit --no-fund typescript@5.9.3 >/dev/null
target/tsc/node_modules/.bin/tsc --noEmit --strict --target es2022 --lib esnext,dom --module es2022 --moduleResolution node bindings-wasm/tests/types_check.ts
echo "== surface: every Python call has its JS twin (tests/surface/twins.py)"
node tests/surface/js_surface.mjs > target/js-surface.json
.venv/bin/python tests/surface/twins.py target/js-surface.json
echo "== npm: the packed tarball in Node (README block) and in headless Chromium (plain, esbuild, vite)"
command -v chromium >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
bash tests/npm/run.sh
node examples/js/case_study.mjs | tail -3
node examples/js/risk_register.mjs | tail -1

echo "== parity: Rust, Python and JS schedule JSON are identical"
cargo run -q --release -p planix-cli -- schedule examples/data/case_study.json > target/parity-rust.json
.venv/bin/python -c "import planix,sys; print(planix.Project.from_json(open('examples/data/case_study.json').read()).schedule().to_json(), end='')" > target/parity-py.json
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { initSync, Project } from './bindings-wasm/pkg/planix_wasm.js';
initSync({ module: readFileSync('bindings-wasm/pkg/planix_wasm_bg.wasm') });
process.stdout.write(Project.fromJson(readFileSync('examples/data/case_study.json', 'utf8')).schedule().toJson());
" > target/parity-js.json
cmp target/parity-rust.json target/parity-py.json
cmp target/parity-rust.json target/parity-js.json

echo "== parity: Rust, Python and JS Monte Carlo reports are identical (seed 5, 2,000 iterations)"
cargo run -q --release -p planix-cli -- simulate examples/data/case_study.json --iterations 2000 --seed 5 > target/sim-rust.json
.venv/bin/python -c "import planix; print(planix.Project.from_json(open('examples/data/case_study.json').read()).simulate(iterations=2000, seed=5).to_json(), end='')" > target/sim-py.json
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { initSync, Project } from './bindings-wasm/pkg/planix_wasm.js';
initSync({ module: readFileSync('bindings-wasm/pkg/planix_wasm_bg.wasm') });
process.stdout.write(Project.fromJson(readFileSync('examples/data/case_study.json', 'utf8')).simulate({ iterations: 2000, seed: 5 }).toJson());
" > target/sim-js.json
cmp target/sim-rust.json target/sim-py.json
cmp target/sim-rust.json target/sim-js.json

echo "== parity: Rust, Python and JS leveling JSON are identical (optimising mode, 5,000 schedules)"
cargo run -q --release -p planix-cli -- level examples/data/case_study.json --mode optimize --max-schedules 5000 > target/lvl-rust.json
.venv/bin/python -c "import planix; print(planix.Project.from_json(open('examples/data/case_study.json').read()).level(mode='optimize', max_schedules=5000).to_json(), end='')" > target/lvl-py.json
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { initSync, Project } from './bindings-wasm/pkg/planix_wasm.js';
initSync({ module: readFileSync('bindings-wasm/pkg/planix_wasm_bg.wasm') });
process.stdout.write(Project.fromJson(readFileSync('examples/data/case_study.json', 'utf8')).level({ mode: 'optimize', max_schedules: 5000 }).toJson());
" > target/lvl-js.json
cmp target/lvl-rust.json target/lvl-py.json
cmp target/lvl-rust.json target/lvl-js.json

echo "== parity: Rust (CLI, JSON and CSV register), Python and JS risk-adjusted forecasts are identical (seed 9, 2,000 iterations)"
cargo run -q --release -p planix-cli -- risks examples/data/case_study.json examples/data/case_study_risks.json --iterations 2000 --seed 9 > target/risk-rust.json
.venv/bin/python -c "
import planix
p = planix.Project.from_json(open('examples/data/case_study.json').read())
r = planix.RiskRegister.from_json(open('examples/data/case_study_risks.json').read())
open('target/case_study_risks.csv', 'w').write(r.to_csv())
print(r.forecast(p, iterations=2000, seed=9).to_json(), end='')" > target/risk-py.json
cargo run -q --release -p planix-cli -- risks examples/data/case_study.json target/case_study_risks.csv --iterations 2000 --seed 9 > target/risk-csv.json
node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { initSync, Project, RiskRegister } from './bindings-wasm/pkg/planix_wasm.js';
initSync({ module: readFileSync('bindings-wasm/pkg/planix_wasm_bg.wasm') });
const p = Project.fromJson(readFileSync('examples/data/case_study.json', 'utf8'));
const r = RiskRegister.fromJson(readFileSync('examples/data/case_study_risks.json', 'utf8'));
process.stdout.write(r.forecast(p, { iterations: 2000, seed: 9 }).toJson());
" > target/risk-js.json
cmp target/risk-rust.json target/risk-py.json
cmp target/risk-rust.json target/risk-js.json
cmp target/risk-rust.json target/risk-csv.json

echo "== CLI: monitoring commands on the tracked case study"
cargo run -q --release -p planix-cli -- evm examples/data/case_study_tracked.json | grep -q '"earned_schedule"'
cargo run -q --release -p planix-cli -- dcma examples/data/case_study_tracked.json --format table | grep -q "Critical path test"
cargo run -q --release -p planix-cli -- status examples/data/case_study_tracked.json --engagement examples/data/case_study_client.json --risks examples/data/case_study_risks.json | grep -q "^\*\*Overall: "
if cargo run -q --release -p planix-cli -- evm examples/data/case_study.json 2>/dev/null; then echo "evm without a status date must fail"; exit 1; fi

echo "== fuzz smoke: every target 20 s (long runs: bash scripts/fuzz.sh 3600; docs/robustness.md)"
if rustup run nightly rustc --version >/dev/null 2>&1; then
  # Crashes and OOMs fail the smoke run; slow inputs are for the long runs to record
  # (instrumented builds run some valid plans for seconds).
  FUZZ_TIMEOUT=120 bash scripts/fuzz.sh 20
else
  echo "fuzz smoke NOT RUN: no nightly toolchain on this machine (cargo-fuzz needs it)"
fi

echo "== benches compile"
cargo bench --no-run -q -p planix-benches 2>&1 | tail -1
echo "all tests passed"
