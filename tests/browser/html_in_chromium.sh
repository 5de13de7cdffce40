#!/usr/bin/env bash
# Each scenario's HTML report opened in headless Chromium: the page loads
# without a console or network error, and the DOM Chromium built holds every
# chart the file holds, with content (lines and bars), and the diagram. Then
# the same for a comparison of two designs (archsim compare --format html).
#
#   tests/browser/html_in_chromium.sh ARCHSIM_BINARY SOURCE_DIR
#
# Exits 77 (CTest: skipped) when Chromium is not installed; scripts/test
# installs it (the Debian package chromium).
set -uo pipefail

archsim=$1
source_dir=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "skipped: Chromium is not installed (apt-get install chromium; scripts/test installs it)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "FAIL $1: $2"
  failures=$((failures + 1))
}
count() { grep -o "$1" "$2" | wc -l; }

# Loads $2 in Chromium into $work/$1.dom; fails (and returns 1) on a crash
# or on any console or network error.
open_page() {
  local name=$1 page=$2 status
  "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
    --enable-logging=stderr --v=0 --dump-dom "file://$page" >"$work/$name.dom" 2>"$work/$name.err"
  status=$?
  if ((status != 0)); then
    fail "$name" "chromium exited $status: $(tail -3 "$work/$name.err")"
    return 1
  fi
  if grep -E "CONSOLE|Uncaught|net::ERR_" "$work/$name.err" >"$work/$name.errors"; then
    fail "$name" "errors while loading: $(head -3 "$work/$name.errors")"
  fi
  grep -q "</html>" "$work/$name.dom" || fail "$name" "no document came back"
  grep -q "<h1>" "$work/$name.dom" || fail "$name" "the page has no title"
}

for scenario in "$source_dir"/scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  page="$work/$name.html"
  if ! "$archsim" run "$scenario" --format html -o "$page" 2>"$work/$name.archsim.err"; then
    fail "$name" "archsim run failed: $(cat "$work/$name.archsim.err")"
    continue
  fi
  open_page "$name" "$page" || continue
  in_file=$(count "<svg" "$page")
  in_dom=$(count "<svg" "$work/$name.dom")
  ((in_file == in_dom)) || fail "$name" "$in_file SVG elements in the file, $in_dom in the DOM"
  for kind in throughput backlog utilization latency cost diagram; do
    grep -q "<figure class=\"$kind\"[^>]*>\(<svg\)\?$\|<figure class=\"$kind\"[^>]*><svg" "$work/$name.dom" || fail "$name" "no $kind chart"
  done
  (($(count "<polyline" "$work/$name.dom") > 0)) || fail "$name" "no line drawn"
  (($(count 'class="bar"' "$work/$name.dom") > 0)) || fail "$name" "no bar drawn"
  echo "ok $name: $in_dom SVG elements, $(count "<polyline" "$work/$name.dom") lines, $(count 'class="bar"' "$work/$name.dom") bars"
done

# Two designs side by side: the table with its shaded better cells, and the
# cost and latency bars.
page="$work/compare.html"
if "$archsim" compare "$source_dir/scenarios/realtime-inventory.yaml" \
     "$source_dir/scenarios/realtime-inventory-underprovisioned.yaml" --replications 2 --duration 2h --warmup 10m \
     --format html -o "$page" 2>"$work/compare.archsim.err"; then
  if open_page compare "$page"; then
    (($(count '<td class="num better">' "$work/compare.dom") > 0)) || fail compare "no better value marked"
    (($(count '<figure class="compare"><svg' "$work/compare.dom") == 2)) || fail compare "not the two bar charts"
    (($(count 'class="bar"' "$work/compare.dom") > 0)) || fail compare "no bar drawn"
    echo "ok compare: $(count '<tr>' "$work/compare.dom") rows, $(count 'class="bar"' "$work/compare.dom") bars"
  fi
else
  fail compare "archsim compare failed: $(cat "$work/compare.archsim.err")"
fi

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
