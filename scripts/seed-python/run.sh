#!/usr/bin/env bash
# The Python original against the project's own server: runs the article's two programs (requests in a loop;
# asyncio + aiohttp with a ClientSession per request) and the shared-session variant against the standalone
# ServerMain on loopback, and writes their batch times as rows in JMH's JSON result shape, so the report commands
# show them beside the Java rows. These rows are a different harness: wall-clock of whole batches (perf_counter),
# score = mean of the measured batches (± a 99.9 % interval of that mean, as JMH), not JMH. The Python side writes
# only raw batch times; the Java report computes every statistic (report merge) and the environment (report env).
#
# Usage: scripts/seed-python/run.sh [--latency-ms L] [--requests N] [--payload-bytes B] [--runs K] [--warmup W]
#                                   [--out FILE.json] [--fault MODE] [--scheme http|https] [--rtt-ms R]
#   defaults: L=100, N=10, B=1024, K=10 measured batches per program, W=2 warm-up batches per program;
#   output: benchmarks-results/<yyyy-mm-dd>-python-<host>/results.json (+ environment.json), a new folder each run
#   (-2, -3, ... when the day's folder exists). An existing --out file is never overwritten.
#   --fault MODE (tests only): start the server with ServerMain --fault MODE to prove that a bad response fails
#   the run (one line on stderr, exit 1, no results, server stopped).
#   --scheme https: the server makes a key and a self-signed certificate, writes the certificate to a temporary PEM,
#   and every program trusts exactly that file (--ca-file); the rows get the parameter scheme=https.
#   --rtt-ms R: the server holds every byte in and out R/2 ms (ServerMain --rtt-ms, an emulated network round
#   trip: a TLS handshake and each request pay it); the rows get the parameter rttMs=R.
# Needs: /usr/bin/python3 with Debian's python3-requests and python3-aiohttp (installed here if missing and root),
#        java (JAVA=... to choose), target/benchmarks.jar (rebuilt with mvn when missing or stale).
# Prints the results path last, on stdout; progress goes to stderr.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../lib.sh"   # sets root; ensure_jar, report, new_dir, short_host (its die is replaced below)
cd "$root"

PYTHON="${SEED_PYTHON:-/usr/bin/python3}"
JAVA="${JAVA:-java}"
latency=100 requests=10 payload=1024 runs=10 warmup=2 out="" fault="none" scheme="http" rtt=0

die() { echo "seed-python: $*" >&2; exit 1; }
say() { echo "seed-python: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --latency-ms) latency="${2:-}"; shift 2 || die "--latency-ms needs a value" ;;
    --requests) requests="${2:-}"; shift 2 || die "--requests needs a value" ;;
    --payload-bytes) payload="${2:-}"; shift 2 || die "--payload-bytes needs a value" ;;
    --runs) runs="${2:-}"; shift 2 || die "--runs needs a value" ;;
    --warmup) warmup="${2:-}"; shift 2 || die "--warmup needs a value" ;;
    --out) out="${2:-}"; shift 2 || die "--out needs a value" ;;
    --fault) fault="${2:-}"; shift 2 || die "--fault needs a value" ;;
    --scheme) scheme="${2:-}"; shift 2 || die "--scheme needs a value" ;;
    --rtt-ms) rtt="${2:-}"; shift 2 || die "--rtt-ms needs a value" ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
for v in latency requests payload runs warmup; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "--${v} must be a non-negative integer, got '${!v}'"
done
[[ "$rtt" =~ ^[0-9]+$ ]] || die "--rtt-ms must be a non-negative integer, got '$rtt'"
[ "$requests" -ge 1 ] || die "--requests must be >= 1"
[ "$runs" -ge 1 ] || die "--runs must be >= 1"
[ "$scheme" = http ] || [ "$scheme" = https ] || die "--scheme must be http or https, got '$scheme'"
if [ -n "$out" ]; then
  [[ "$out" == *.json ]] || die "--out must name a .json file, got '$out'"
  [ ! -e "$out" ] || die "$out exists; refusing to overwrite it (choose another --out or remove it)"
fi

# --- prerequisites -------------------------------------------------------------------------------------------------
[ -x "$PYTHON" ] || die "$PYTHON not found: install Debian's python3 (apt-get install -y python3)"
if ! "$PYTHON" -c 'import requests, aiohttp' 2>/dev/null; then
  [ "$(id -u)" = 0 ] || die "$PYTHON lacks requests/aiohttp: run  sudo apt-get install -y python3-requests python3-aiohttp"
  say "installing python3-requests python3-aiohttp (apt-get)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-requests python3-aiohttp >&2; then
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-requests python3-aiohttp >&2 \
      || die "apt-get could not install python3-requests python3-aiohttp (see above)"
  fi
  "$PYTHON" -c 'import requests, aiohttp' 2>/dev/null || die "$PYTHON still cannot import requests and aiohttp"
fi
command -v "$JAVA" >/dev/null || die "java not found (put it on PATH or set JAVA=/path/to/java)"
# rebuilt when missing or stale (older than src/ or pom.xml, or built from another commit): scripts/lib.sh
ensure_jar

# --- the server, always stopped on exit ----------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/seed-python.XXXXXX")"
server_pid=""
created_dir=""
program_pid=""
cleanup() {
  if [ -n "$program_pid" ] && kill -0 "$program_pid" 2>/dev/null; then
    kill -TERM "$program_pid" 2>/dev/null || true   # timeout passes it on to the python program
    wait "$program_pid" 2>/dev/null || true
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
  # a folder this run created but did not fill is removed again (rmdir: only if empty)
  [ -z "$created_dir" ] || [ -e "$created_dir/results.json" ] || rmdir "$created_dir" 2>/dev/null || true
}
trap cleanup EXIT
trap 'say "interrupted; server stopped, no results written"; exit 130' INT
trap 'say "terminated; server stopped, no results written"; exit 143' TERM

"$JAVA" -cp target/benchmarks.jar httpbench.server.ServerMain --port 0 --latency-ms "$latency" \
  --payload-bytes "$payload" --fault "$fault" --scheme "$scheme" --cert-out "$tmp/cert.pem" --rtt-ms "$rtt" \
  >"$tmp/server.out" 2>"$tmp/server.err" &
server_pid=$!
url=""
for _ in $(seq 200); do   # <= 20 s
  url="$(sed -n '1s/^serving \(http[^ ]*\) .*/\1/p' "$tmp/server.out")"
  [ "$scheme" = http ] || [ -s "$tmp/cert.pem" ] || url=""
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    die "the server exited before printing its URL: $(tail -n1 "$tmp/server.err" "$tmp/server.out" 2>/dev/null | grep -v '^==>' | grep . | tail -n1)"
  fi
  sleep 0.1
done
[ -n "$url" ] || die "the server printed no URL within 20 s (java -cp target/benchmarks.jar httpbench.server.ServerMain)"
say "server $url latencyMs=$latency payloadBytes=$payload rttMs=$rtt; $requests requests per batch, $warmup warm-up + $runs measured batches per program"

# --- the three programs --------------------------------------------------------------------------------------------
# Bound each program: every batch at worst serial (n x (L + 3 round trips + 200 ms)), plus start-up and one request timeout.
limit=$(( 120 + (warmup + runs) * requests * (latency + 3 * rtt + 200) / 1000 ))
outputs=()
ca=()
[ "$scheme" = http ] || ca=(--ca-file "$tmp/cert.pem")
run_program() {  # strategy, script, extra args...
  local strategy="$1" script="$2"; shift 2
  local rc=0
  # in the background + wait, so Ctrl-C / TERM reach the trap at once (not after the program ends)
  timeout --kill-after=5 "$limit" "$PYTHON" "$here/$script" --url "$url" --requests "$requests" \
    --payload-bytes "$payload" --batches "$runs" --warmup "$warmup" "${ca[@]}" "$@" \
    >"$tmp/$strategy.json" 2>"$tmp/$strategy.err" &
  program_pid=$!
  wait "$program_pid" || rc=$?
  program_pid=""
  if [ "$rc" -ne 0 ]; then
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
      die "$strategy did not finish within $limit s and was stopped; no results written"
    fi
    die "$strategy failed (exit $rc): $(grep . "$tmp/$strategy.err" | tail -n1); no results written"
  fi
  if [ -s "$tmp/$strategy.err" ]; then cat "$tmp/$strategy.err" >&2; fi   # warnings, if any
  local med
  med="$("$PYTHON" -c 'import json,statistics,sys; print("%.1f" % statistics.mean(json.load(open(sys.argv[1]))["batchesMs"]))' "$tmp/$strategy.json")" \
    || die "$strategy wrote no readable JSON on stdout; no results written"
  say "$strategy: mean $med ms per batch of $requests"
  outputs+=("$tmp/$strategy.json")
}
run_program python-requests serial_requests.py
run_program python-aiohttp-fresh async_aiohttp.py
run_program python-aiohttp-shared async_aiohttp.py --shared-session

# --- results -------------------------------------------------------------------------------------------------------
env_name="environment.json"
if [ -n "$out" ]; then
  dir="$(dirname "$out")"
  mkdir -p "$dir"
  name="$(basename "$out")"
  # never overwrite another run's environment.json (e.g. --out into a Java run's folder)
  [ -e "$dir/environment.json" ] && env_name="${name%.json}.environment.json"
  [ ! -e "$dir/$env_name" ] || die "$dir/$env_name exists; refusing to overwrite it"
else
  dir="$(new_dir "benchmarks-results/$(date +%F)-python-$(short_host)")"
  created_dir="$dir"
  name="results.json"
fi
[ ! -e "$dir/$name" ] || die "$dir/$name exists; refusing to overwrite it"
server_java="$(command -v "$JAVA")"
mkdir "$tmp/forks"
forks="$("$PYTHON" "$here/make_results.py" --dir "$tmp/forks" \
  --latency-ms "$latency" --requests "$requests" --payload-bytes "$payload" --warmup "$warmup" --runs "$runs" \
  --server-java "$server_java" --scheme "$scheme" --rtt-ms "$rtt" "${outputs[@]}")" || die "could not write the fork files"
# the statistics and the environment come from the Java report, as for JMH's forks
mapfile -t fork_files <<<"$forks"
report merge "${fork_files[@]}" --out "$dir/$name" >&2 || die "report merge failed on the fork files (see above)"
report env --results "$dir/$name" --out "$dir/$env_name" --harness-env "$tmp/forks/harness.json" >&2 \
  || die "report env failed (see above)"
say "environment: $dir/$env_name"
echo "$dir/$name"
