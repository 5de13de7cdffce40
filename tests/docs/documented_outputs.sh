#!/usr/bin/env bash
# The commands a document shows, run again: every `build/archsim ...` command
# in a ```sh block is run from the source directory, and every line of its
# output that the document quotes as that command's output (the ```text
# block right after it) must still be printed as quoted, so the document
# cannot drift from what archsim says.
#
#   tests/docs/documented_outputs.sh ARCHSIM_BINARY SOURCE_DIR DOC.md
set -uo pipefail

archsim=$1
source_dir=$2
doc=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Commands run in a scratch directory that sees the scenarios, so files they
# write (-o, --chart) land there, not in the source tree.
mkdir "$work/run" && ln -s "$source_dir/scenarios" "$work/run/scenarios" && ln -s "$source_dir/docs" "$work/run/docs"

# Split the document into numbered command and output files: a ```sh block
# holding one build/archsim command (lines ending in \ continue it), and the
# ```text block after it, before the next heading or code block.
awk -v dir="$work" '
  /^```sh$/ { in_sh = 1; cmd = ""; commands = 0; continued = 0; pending = 0; next }
  /^```text$/ { if (pending) { in_text = 1; out = dir "/" n ".expected"; printf "" > out } next }
  /^```/ && !in_sh && !in_text { pending = 0; next }
  /^```$/ {
    if (in_sh && commands == 1 && cmd ~ /^build\/archsim /) { n++; print cmd > (dir "/" n ".command"); pending = 1 }
    if (in_text) { in_text = 0; pending = 0 }
    in_sh = 0; next
  }
  /^#/ && !in_sh && !in_text { pending = 0; next }
  in_sh {
    line = $0
    if (!continued && line != "") commands++
    continued = sub(/\\$/, "", line)
    cmd = cmd line
    next
  }
  in_text { print > out }
' "$doc"

failures=0 checked=0
for command_file in "$work"/*.command; do
  [[ -e $command_file ]] || { echo "FAIL: no archsim command found in $doc"; exit 1; }
  n=$(basename "$command_file" .command)
  expected="$work/$n.expected"
  [[ -s $expected ]] || continue  # a command shown without its output
  command=$(<"$command_file")
  (cd "$work/run" && eval "${command/#build\/archsim/\"$archsim\"}" -o "$work/$n.actual" 2>"$work/$n.err")
  status=$?
  if ((status != 0)); then
    echo "FAIL: $command exited $status: $(head -3 "$work/$n.err")"
    failures=$((failures + 1))
    continue
  fi
  missing=0
  while IFS= read -r line; do
    [[ -z ${line// /} ]] && continue
    if ! grep -qxF -- "$line" "$work/$n.actual"; then
      echo "FAIL: $command no longer prints: $line"
      missing=$((missing + 1))
    fi
    checked=$((checked + 1))
  done <"$expected"
  failures=$((failures + missing))
  ((missing == 0)) && echo "ok: $command"
done
echo "$checked quoted lines checked in $(basename "$doc")"
((failures == 0))
