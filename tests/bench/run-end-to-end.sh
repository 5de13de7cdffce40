#!/usr/bin/env bash
# Times `archsim run` end to end (parse, simulate, report) on the M/M/1
# benchmark scenario, pinned to one core, and shows that its peak memory does
# not grow with the number of records.
#
#   tests/bench/run-end-to-end.sh [path/to/archsim] [repetitions]
#
# (default: build-bench/archsim or build/archsim; 5 repetitions)
#
# 1. 10 million customers (tests/bench/mm1-10m.yaml as written), `repetitions`
#    runs under /usr/bin/time -v: median wall, user and system time, max RSS.
#    If hyperfine is installed it times the same command as well.
# 2. 1, 10 and 30 million customers (--duration 10s, 100s, 300s): max RSS of each.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
archsim="${1:-}"
if [[ -z "$archsim" ]]; then  # default: the first build directory that has one
  for dir in build-bench build; do
    if [[ -x "$here/../../$dir/archsim" ]]; then archsim="$here/../../$dir/archsim"; break; fi
  done
fi
reps="${2:-5}"
scenario="$here/mm1-10m.yaml"
[[ -x "$archsim" ]] || { echo "no archsim binary at $archsim (build first, or pass its path)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$(( $(nproc) - 1 ))"); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
field() { awk -F': ' -v k="$1" 'index($0, k) {print $2}' "$2"; }
json_number() { grep -m1 "\"$1\":" "$2" | tr -dc '0-9.'; }
wall_seconds() {  # h:mm:ss or m:ss.ss -> seconds
  awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}' <<<"$1"
}

# run LABEL ARGS...: one timed run; prints "wall user sys maxrss_kb customers events"
run() {
  "${pin[@]}" /usr/bin/time -v -o "$work/time" "$archsim" run "$scenario" --format json -o "$work/report.json" "$@"
  printf '%s %s %s %s %s %s\n' \
    "$(wall_seconds "$(field 'Elapsed (wall clock) time' "$work/time")")" \
    "$(field 'User time (seconds)' "$work/time")" \
    "$(field 'System time (seconds)' "$work/time")" \
    "$(field 'Maximum resident set size (kbytes)' "$work/time")" \
    "$(json_number generated "$work/report.json")" \
    "$(json_number events "$work/report.json")"
}

echo "archsim:  $archsim"
echo "scenario: $scenario"
echo "pinned:   ${pin[*]:-(taskset not found: not pinned)}"
echo
echo "== 10 million customers, $reps runs (/usr/bin/time -v)"
: >"$work/runs"
for _ in $(seq "$reps"); do run | tee -a "$work/runs" | awk '{printf "  wall %.2f s  user %.2f s  sys %.2f s  max RSS %d KB  customers %d  events %d\n", $1, $2, $3, $4, $5, $6}'; done
w=$(cut -d' ' -f1 "$work/runs" | median)
u=$(cut -d' ' -f2 "$work/runs" | median)
r=$(cut -d' ' -f4 "$work/runs" | median)
e=$(head -1 "$work/runs" | cut -d' ' -f6)
c=$(head -1 "$work/runs" | cut -d' ' -f5)
awk -v w="$w" -v u="$u" -v r="$r" -v e="$e" -v c="$c" 'BEGIN {
  printf "  median: wall %.2f s, user %.2f s, max RSS %d KB; %.1f M events/s, %.1f M customers/s (wall)\n", w, u, r, e / w / 1e6, c / w / 1e6 }'

if command -v hyperfine >/dev/null; then
  echo
  echo "== hyperfine, 10 million customers"
  hyperfine --warmup 1 --runs "$reps" -N \
    "${pin[*]} $archsim run $scenario --format json -o $work/hf.json" 2>&1 | sed 's/^/  /'
fi

echo
echo "== peak memory against the number of customers"
for d in 10s 100s 300s; do
  run --duration "$d" | awk -v d="$d" '{printf "  --duration %-5s %6.1f M customers  max RSS %6d KB  wall %.2f s\n", d, $5 / 1e6, $4, $1}'
done
