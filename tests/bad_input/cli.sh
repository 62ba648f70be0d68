#!/usr/bin/env bash
# The CLI door of the bad-input suite: every case exits 1 with the fragment on stderr
# and nothing on stdout ("ok" cases exit 0). Usage: bash tests/bad_input/cli.sh DIR PLANIX
set -euo pipefail
dir="$1"
planix="$2"
python3 - "$dir" "$planix" <<'PY'
import json, subprocess, sys
d, planix = sys.argv[1], sys.argv[2]
bad = 0
for c in json.load(open(f"{d}/manifest.json")):
    f = f"{d}/{c['file']}"
    op = c["op"]
    if op in ("load", "schedule"):
        args = ["schedule", f]
    elif op == "simulate":
        args = ["simulate", f, "--iterations", str(c.get("iterations", 200))]
    elif op == "level":
        args = ["level", f]
    elif op == "dcma":
        args = ["dcma", f] + ([] if c["baseline"] is None else ["--baseline", str(c["baseline"])])
    elif op == "board":
        args = ["board", f]
    elif op == "portfolio":
        args = ["portfolio", f, "--format", "json"]
    elif op == "engagement":
        args = ["status", f, "--engagement", f"{d}/{c['engagement']}"]
    elif op == "issue_csv":
        continue  # the issue-log CSV has no CLI door (Python and JS read it)
    elif op == "risks":
        args = ["risks", f, f"{d}/{c['register']}", "--iterations", "200", "--confidence", str(c.get("confidence", 80))]
    r = subprocess.run([planix, *args], capture_output=True, text=True, timeout=120)
    if c["kind"] == "ok":
        ok = r.returncode == 0
    else:
        ok = r.returncode == 1 and r.stdout == "" and c["fragment"] in r.stderr and "panicked" not in r.stderr
    if not ok:
        bad += 1
        print(f"cli: {c['name']}: exit {r.returncode}, stderr {r.stderr[:300]!r}")
n = sum(1 for c in json.load(open(f"{d}/manifest.json")) if c["op"] != "issue_csv")
print(f"cli: {n - bad} of {n} bad-input cases as expected")
sys.exit(1 if bad else 0)
PY
