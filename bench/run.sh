#!/usr/bin/env bash
# Workload W1: pre-signed Twilio inbound SMS (unique MessageSid, Chinese Body) replayed by wrk
# at 64 connections against `ombud serve` (embedded Redis, workers running, replies sent to a
# local sink), and in the same run against a minimal Beast server that answers 200 without
# work (this machine's ceiling). Runs alternate; the table reports medians and ratios.
#
# Workload W2: CUSTOMERS simulated SMS customers complete the complaint dialog at once (six
# messages each, each sent when the previous reply reached the provider); messages per second
# and the time from webhook to reply handed to the provider.
#
#   bench/run.sh [BUILD_DIR]      env: RUNS=3 DURATION=8 CONNECTIONS=64 REQUESTS=600000
#                                      CUSTOMERS=200 (W2)
#                                      W4_TICKETS=100000 W4_CLIENTS=32 W4_SECONDS=10
#                                      W4_SUBSCRIBERS=1000
#                                      SOAK_SECONDS=40 SOAK_KILLS=20 SOAK_PAUSES=3 SOAK_RATE=200
#
# Workload W4: the agent console (bench/w4.cpp): W4_TICKETS tickets in Redis; W4_CLIENTS
# clients list a department's open tickets and fetch one with its timeline; W4_SUBSCRIBERS
# hold the live feed while a desk account acts: the time until each reads the event.
#
# The fault run (bench/soak.cpp) ends it: signed SMS at SOAK_RATE a second while ombud is
# killed -9 and restarted and its Redis paused; it fails unless every acknowledged message was
# answered exactly once.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RUNS=${RUNS:-3}
DURATION=${DURATION:-8}
CONNECTIONS=${CONNECTIONS:-64}
REQUESTS=${REQUESTS:-600000}
THREADS=2
CUSTOMERS=${CUSTOMERS:-200}
CEILING_PORT=18180 SINK_PORT=18181 OMBUD_PORT=18182 W2_PORT=18183

tmp=$(mktemp -d /tmp/ombud-bench-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

sed -e "s|^data_dir:.*|data_dir: $tmp/data|" -e "s|  flows: flows/|  flows: $PWD/config/flows/|" \
    -e "s|  departments: departments.yaml|  departments: $PWD/config/departments.yaml|" \
    -e "s|  calendar: calendar |  calendar: $PWD/config/calendar |" \
    -e "s|^log_level:.*|log_level: warn|" \
    -e "s|  port: 8080|  port: $OMBUD_PORT|" \
    -e "s|      api_base:.*|      api_base: http://127.0.0.1:$SINK_PORT|" \
    config/ombud.yaml > "$tmp/ombud.yaml"
echo "generating $REQUESTS signed requests..." >&2
"$BUILD/bench/ombud_gen_requests" "$tmp/ombud.yaml" "$REQUESTS" "$tmp/requests.tsv"

"$BUILD/bench/ombud_baseline_server" "$SINK_PORT" 1 & pids+=($!)

cpu_ticks() {  # utime + stime of a process and, if given, its children (the embedded redis)
  local total=0 p
  for p in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$total"
}

wait_port() {
  for _ in $(seq 200); do
    curl -sf -o /dev/null "http://127.0.0.1:$1$2" && return 0
    sleep 0.05
  done
  echo "server on port $1 did not come up" >&2; return 1
}

# measure NAME URL PID...: one wrk run; prints "NAME rps p50_us p99_us cpu_us_per_req"
measure() {
  local name=$1 url=$2; shift 2
  local before after out
  before=$(cpu_ticks "$@")
  REDIS_TICKS=0; [ $# -gt 1 ] && REDIS_TICKS=$(cpu_ticks "$2")
  out=$(W1_REQUESTS="$tmp/requests.tsv" W1_THREADS=$THREADS \
        wrk -t$THREADS -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/w1.lua "$url")
  after=$(cpu_ticks "$@")
  local rps reqs p50 p99 wraps errs
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  reqs=$(awk '/requests in/ {print $1}' <<<"$out")
  p50=$(sed -n 's/.*p50_us=\([0-9]*\).*/\1/p' <<<"$out")
  p99=$(sed -n 's/.*p99_us=\([0-9]*\).*/\1/p' <<<"$out")
  wraps=$(sed -n 's/.*wrapped=\([0-9]*\).*/\1/p' <<<"$out")
  errs=$(sed -n 's/W1_ERRORS //p' <<<"$out")
  [ "$wraps" = 0 ] || [ "$name" = ceiling ] || echo "warning: $name replayed $wraps requests twice (raise REQUESTS)" >&2
  local cpu_us
  cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" \
           'BEGIN { printf "%.1f", t / hz / n * 1e6 }')
  if [ $# -gt 1 ]; then  # the second pid is the embedded redis-server: show its share too
    local redis_before=$REDIS_TICKS redis_after
    redis_after=$(cpu_ticks "$2")
    echo "  $name: redis-server's share of that CPU: $(awk -v t=$((redis_after - redis_before)) -v hz="$(getconf CLK_TCK)" -v n="$reqs" 'BEGIN { printf "%.1f", t / hz / n * 1e6 }')us/request" >&2
  fi
  echo "$name $rps $p50 $p99 $cpu_us"
  echo "  $name: $rps req/s, p50 ${p50}us, p99 ${p99}us, ${cpu_us}us CPU/request ($errs)" >&2
}

results=()
for run in $(seq "$RUNS"); do
  "$BUILD/bench/ombud_baseline_server" "$CEILING_PORT" $THREADS & ceiling=$!; pids+=($ceiling)
  wait_port $CEILING_PORT /
  results+=("$(measure ceiling "http://127.0.0.1:$CEILING_PORT/webhooks/twilio/main" $ceiling)")
  kill $ceiling; wait $ceiling 2>/dev/null || true

  rm -rf "$tmp/data"
  "$BUILD/gateway/ombud" serve --config "$tmp/ombud.yaml" & ombud=$!; pids+=($ombud)
  wait_port $OMBUD_PORT /readyz
  redis=$(pgrep -P $ombud redis-server || true)
  results+=("$(measure ombud "http://127.0.0.1:$OMBUD_PORT/webhooks/twilio/main" $ombud $redis)")
  processed=$(curl -s "http://127.0.0.1:$OMBUD_PORT/metrics" | awk '/^ombud_inbox_processed_total/ {print $2}')
  lag=$(curl -s "http://127.0.0.1:$OMBUD_PORT/metrics" | awk '/^ombud_inbox_lag/ {print $2}')
  echo "  ombud: $processed processed by the workers during the run, inbox lag $lag at its end" >&2
  kill -TERM $ombud; wait $ombud 2>/dev/null || true
done

kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true  # the W1 sink; W2 brings its own

# W2: the bench program is the customers and the provider (its sandbox listens on W2_PORT).
sed -e "s|api_base: http://127.0.0.1:$SINK_PORT|api_base: http://127.0.0.1:$W2_PORT|" \
    "$tmp/ombud.yaml" > "$tmp/w2.yaml"
w2=()
for run in $(seq "$RUNS"); do
  rm -rf "$tmp/data"
  "$BUILD/gateway/ombud" serve --config "$tmp/w2.yaml" & ombud=$!; pids+=($ombud)
  wait_port $OMBUD_PORT /readyz
  line=$("$BUILD/bench/ombud_bench_w2" "$tmp/w2.yaml" $OMBUD_PORT $W2_PORT "$CUSTOMERS")
  echo "  $line" >&2
  w2+=("$line")
  kill -TERM $ombud; wait $ombud 2>/dev/null || true
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { printf '%s\n' "${results[@]}" | awk -v n="$1" -v c="$2" '$1==n {print $c}' | median; }

c_rps=$(col ceiling 2); o_rps=$(col ombud 2)
echo
echo "W1, $RUNS alternating runs of ${DURATION}s, $CONNECTIONS connections, wrk -t$THREADS on the same 2-core machine (medians):"
echo
echo "| server | req/s | p50 | p99 | CPU per request |"
echo "|---|---|---|---|---|"
echo "| minimal Beast, 200 without work (ceiling) | $(printf %.0f "$c_rps") | $(col ceiling 3) µs | $(col ceiling 4) µs | $(col ceiling 5) µs |"
echo "| ombud serve (+ embedded redis-server) | $(printf %.0f "$o_rps") | $(col ombud 3) µs | $(col ombud 4) µs | $(col ombud 5) µs |"
echo
awk -v o="$o_rps" -v c="$c_rps" 'BEGIN { printf "ombud / ceiling throughput: %.2f\n", o / c }'
w2col() { printf '%s\n' "${w2[@]}" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p" | median; }
echo
echo "W2, $CUSTOMERS customers completing the complaint dialog at once, $RUNS runs (medians):"
echo
echo "| messages/s | p50 webhook → reply at provider | p99 |"
echo "|---|---|---|"
echo "| $(w2col msg_per_s) | $(w2col p50_ms) ms | $(w2col p99_ms) ms |"

# W4: the agent console with W4_TICKETS tickets (seeded once; one run).
printf 'console:\n  requests_per_minute: 100000000\n  feeds_per_account: 100000\n' | cat "$tmp/w2.yaml" - > "$tmp/w4.yaml"
rm -rf "$tmp/data"
"$BUILD/gateway/ombud" serve --config "$tmp/w4.yaml" & ombud=$!; pids+=($ombud)
wait_port $OMBUD_PORT /readyz
w4=$("$BUILD/bench/ombud_bench_w4" "$tmp/w4.yaml" $OMBUD_PORT "${W4_TICKETS:-100000}" \
       "${W4_CLIENTS:-32}" "${W4_SECONDS:-10}" "${W4_SUBSCRIBERS:-1000}")
kill -TERM $ombud; wait $ombud 2>/dev/null || true
w4col() { printf '%s\n' "$w4" | sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }
echo
echo "W4, the console with $(w4col tickets) tickets, $(w4col clients) clients, one run:"
echo
echo "| requests/s | list p50 | list p99 | ticket p50 | ticket p99 | SSE subscribers | event p50 | event p99 |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $(w4col req_per_s) | $(w4col list_p50_ms) ms | $(w4col list_p99_ms) ms | $(w4col get_p50_ms) ms | $(w4col get_p99_ms) ms | $(w4col subscribers) | $(w4col sse_p50_ms) ms | $(w4col sse_p99_ms) ms |"

# The fault run: W1-like load while ombud is killed -9 and restarted SOAK_KILLS times and its
# Redis paused SOAK_PAUSES times; every acknowledged message must be answered exactly once.
echo
"$BUILD/bench/ombud_bench_soak" "$BUILD/gateway/ombud" "$PWD" "${SOAK_SECONDS:-40}" \
    "${SOAK_KILLS:-20}" "${SOAK_PAUSES:-3}" "${SOAK_RATE:-200}"
