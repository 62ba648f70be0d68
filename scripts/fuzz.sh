#!/usr/bin/env bash
# Builds the fuzz targets (cargo-fuzz, nightly) and runs each for SECONDS (default 30)
# with seed corpora from examples/data and ../shared/data, the format dictionaries, a
# 2 GiB RSS limit and a 10 s per-input timeout (FUZZ_TIMEOUT to change). Exit 1 on any
# crash, timeout or OOM.
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_schedule json_analyses structured risk_register engagement psplib specs mspdi portfolio board)
cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked
seeds=target/fuzz-seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{project,risk,engagement,psplib,mspdi,portfolio}
cp examples/data/case_study.json examples/data/case_study_tracked.json "$seeds/project/"
shopt -s nullglob
mp=(../shared/data/mpsplib/*.json)
[ ${#mp[@]} -gt 0 ] && cp "${mp[@]}" "$seeds/project/"
cp examples/data/case_study_risks.json "$seeds/risk/"
cp examples/data/case_study_client.json "$seeds/engagement/"
printf 'id,title,raised_by,raised,severity,tasks,status,history,delay,extra_cost\nI-1,Login fails,S1,2027-03-02T09:00:00,high,1;2,in_progress,"[{""at"":""2027-03-02T09:00:00"",""status"":""open""},{""at"":""2027-03-03T09:00:00"",""status"":""in_progress""}]",60,10.5\n' > "$seeds/engagement/issues.csv"
cp examples/data/portfolio.json "$seeds/portfolio/"
sm=(../shared/data/psplib/j30/*.sm)
[ ${#sm[@]} -gt 0 ] && cp "${sm[@]:0:20}" "$seeds/psplib/"
# Small MSPDI files saved by MS Project (the corpus keeps inputs under -max_len).
while IFS= read -r f; do cp "$f" "$seeds/mspdi/"; done < <(find ../shared/data/mspdi -name '*.xml' -size -60k 2>/dev/null | sort | head -30)
(cd fuzz && cargo +nightly fuzz build -O)
status=0
for t in "${targets[@]}"; do
  case "$t" in
    json_schedule|json_analyses) seed=project; dict=planix ;;
    risk_register) seed=risk; dict=planix ;;
    engagement) seed=engagement; dict=planix ;;
    psplib) seed=psplib; dict=psplib ;;
    structured) seed=""; dict="" ;;
    specs) seed=""; dict=specs ;;
    mspdi) seed=mspdi; dict=mspdi ;;
    portfolio) seed=portfolio; dict=planix ;;
    board) seed=""; dict=planix ;;
  esac
  corpus="target/fuzz-corpus/$t"
  mkdir -p "$corpus"
  args=(-max_total_time="$secs" -rss_limit_mb=2048 -timeout="${FUZZ_TIMEOUT:-10}" -max_len=65536 -print_final_stats=1)
  [ -n "$dict" ] && args+=(-dict="$PWD/fuzz/dict/$dict.dict")
  dirs=("$PWD/$corpus")
  [ -n "$seed" ] && dirs+=("$PWD/$seeds/$seed")
  echo "== fuzz $t for ${secs}s"
  if ! (cd fuzz && cargo +nightly fuzz run -O "$t" "${dirs[@]}" -- "${args[@]}" 2>"../target/fuzz-$t.log"); then
    tail -40 "target/fuzz-$t.log"
    status=1
  fi
  grep -aE "stat::number_of_executed_units|stat::peak_rss_mb" "target/fuzz-$t.log" | tr '\n' ' '; echo
done
exit $status
