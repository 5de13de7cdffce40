#!/usr/bin/env bash
# Each scenario's HTML report opened in headless Chromium: the page loads
# without a console or network error, and the DOM Chromium built holds every
# chart the file holds, with content (lines and bars), and the diagram. Then
# the same for a comparison of two designs (archsim compare --format html).
# Every page, each scenario's explain page, a sizing report and a sweep's chart are also laid
# out in a window 1280 pixels wide (a projector's) with layout_check.js: no
# element sticks out of the page, no table scrolls sideways, and no text of a
# chart overlaps another or is cut off at its edge.
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

# Lays $2 out at 1280 pixels with layout_check.js and fails on what it finds.
check_layout() {
  local name=$1 page=$2 problems
  {
    sed 's|</body>||; s|</html>||' "$page"
    printf '<script>\n'
    cat "$source_dir/tests/browser/layout_check.js"
    printf '</script>\n</body>\n</html>\n'
  } >"$work/$name.layout.html"
  "$browser" --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/profile" --window-size=1280,900 \
    --dump-dom "file://$work/$name.layout.html" >"$work/$name.layout.dom" 2>/dev/null
  problems=$(grep -o 'data-layout="[^"]*"' "$work/$name.layout.dom" | head -1 | sed 's/^data-layout="//; s/"$//; s/&quot;/"/g')
  if [[ -z $problems ]]; then
    fail "$name" "the layout check did not run"
  elif [[ $problems != "[]" ]]; then
    fail "$name" "at 1280 px: $problems"
  else
    echo "ok $name: fits 1280 px, no chart text overlaps"
  fi
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
  check_layout "$name" "$page"
  if "$archsim" explain "$scenario" --format html -o "$work/$name.explain.html" 2>/dev/null; then
    check_layout "$name.explain" "$work/$name.explain.html"
  else
    fail "$name" "archsim explain --format html failed"
  fi
done

# Replications (a table of every key figure with its interval) and a grade
# (the rubric and the estimates), laid out the same way.
if "$archsim" run "$source_dir/scenarios/realtime-inventory-underprovisioned.yaml" --replications 2 --duration 2h \
     --warmup 10m --quiet --format html -o "$work/replicated.html" 2>"$work/replicated.err"; then
  check_layout replicated "$work/replicated.html"
else
  fail replicated "archsim run --replications 2 failed: $(cat "$work/replicated.err")"
fi
if "$archsim" challenge start realtime-inventory "$work" >/dev/null &&
   "$archsim" grade "$work/realtime-inventory.yaml" --replications 1 --quiet --format html -o "$work/grade.html" \
     2>"$work/grade.err"; then
  check_layout grade "$work/grade.html"
else
  fail grade "archsim grade failed: $(cat "$work/grade.err")"
fi

# The sizer's report: its tables (levers, headroom) within the page.
if "$archsim" size "$source_dir/scenarios/order-stream-basics.yaml" --quiet --format html -o "$work/size.html" \
     2>"$work/size.err"; then
  check_layout size "$work/size.html"
else
  fail size "archsim size failed: $(cat "$work/size.err")"
fi

# A sweep's chart, in a page of its own: money and time on the y axes.
if "$archsim" sweep "$source_dir/scenarios/realtime-inventory.yaml" --vary components.inventory_stream.shards=300..500+50 \
     --duration 1h --warmup 5m --replications 2 --quiet -o /dev/null --chart "$work/sweep.svg" 2>"$work/sweep.err"; then
  {
    printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>sweep</title></head><body><main>\n'
    grep -v '^<?xml' "$work/sweep.svg"
    printf '</main></body></html>\n'
  } >"$work/sweep.html"
  check_layout sweep "$work/sweep.html"
else
  fail sweep "archsim sweep failed: $(cat "$work/sweep.err")"
fi

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
    check_layout compare "$page"
  fi
else
  fail compare "archsim compare failed: $(cat "$work/compare.archsim.err")"
fi

if ((failures > 0)); then
  echo "$failures failure(s)"
  exit 1
fi
