#!/usr/bin/env bash
# Runs every fuzz target for a bounded time each, starting from its seed corpus.
#   tests/fuzz/run.sh BUILD_DIR SECONDS
# A finding (crash, sanitizer report, abort) fails the run and leaves the input in
# BUILD_DIR/fuzz-findings/<target>/. Run longer with a bigger SECONDS, e.g. 3600.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-45}
here="$(cd "$(dirname "$0")" && pwd)"
# Readable stack traces in findings.
for s in /usr/bin/llvm-symbolizer-15 /usr/bin/llvm-symbolizer; do
  [ -x "$s" ] && { export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$s}"; break; }
done
status=0 passed=0 failed=0
for target in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target" | sed 's/^fuzz_//')
  seeds="$here/corpus/$name"
  work="$build/fuzz-corpus/$name"
  findings="$build/fuzz-findings/$name"
  mkdir -p "$work" "$findings"
  start=$(date +%s)
  if "$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$findings/" -print_final_stats=1 "$work" "$seeds" \
       > "$build/fuzz-$name.log" 2>&1; then
    runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$name.log" | grep -o '[0-9]*$' || echo "?")
    echo "fuzz $name: $(( $(date +%s) - start )) s, $runs inputs, no finding"
    passed=$((passed + 1))
  else
    echo "fuzz $name: FINDING after $(( $(date +%s) - start )) s; log: $build/fuzz-$name.log"
    tail -40 "$build/fuzz-$name.log"
    status=1 failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
