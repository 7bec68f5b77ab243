#!/usr/bin/env bash
# scripts/article.sh [--jdk JAVA_HOME] [--rtt-ms 40] [--latency-ms 30] [--rows a,b,c] [--results-dir DIR] [-- JMH args]
# The article reproduced: its two Python programs (requests.get in a loop; asyncio + aiohttp with a new
# ClientSession per request) and the Java rows, over HTTPS against the project's server with an emulated network
# round trip. Why these defaults: the article's serial loop took 1.087 s for 10 cold HTTPS requests, ~109 ms each.
# A cold HTTPS request here pays the TLS 1.3 handshake (one round trip), then the request (one round trip) and
# the server's think time: 2 R + L = 2 x 40 + 30 = 110 ms. (On a real network the TCP handshake adds a third
# round trip; on loopback the kernel answers it, so the emulation cannot delay it: the choice puts the whole
# per-request cost in what it can emulate.)
# Python runs against the standalone ServerMain (scripts/seed-python/run.sh --scheme https --rtt-ms R); the Java
# rows run in JMH with the in-process server at the same settings (-p scheme=https -p rttMs=R -p latencyMs=L),
# 2 forks, steady warm-up capped at 10 s (JMH arguments after -- replace these defaults). Writes
# benchmarks-results/<date>-<jdk>-<host>-article/ with python.json (+ python.environment.json), java.json, run.log,
# environment.json and article.md (both sets of rows in one table); the README's section
# "The article reproduced" is generated from the newest such folder. The folder is the last line on stdout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
java_bin="${JAVA:-java}"
rtt=40
latency=30
rows="serial,threadPool,virtualThreads,asyncHttpClient,httpClient5Async,jdkAsync,freshAsyncHttpClient,freshJdkAsync"
results_dir=benchmarks-results
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --rtt-ms) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--rtt-ms needs a whole number of milliseconds" 2
           rtt="$2"; shift 2 ;;
    --latency-ms) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--latency-ms needs a whole number of milliseconds" 2
           latency="$2"; shift 2 ;;
    --rows) [ $# -ge 2 ] && [[ "$2" =~ ^[A-Za-z0-9,]+$ ]] || die "--rows needs strategy names, comma-separated" 2
           rows="$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (extra JMH arguments go after --; see --help)" 2 ;;
  esac
done
one_jdk
[ ${#jdks[@]} -eq 0 ] || java_bin="${jdks[0]}/bin/java"
ensure_jar
version="$(java_version "$java_bin")"
[ -n "$version" ] || die "cannot read java.version from $java_bin" 2
host="$(short_host)"
mkdir -p "$results_dir"
dir="$(new_dir "$results_dir/$(date -u +%F)-$version-$host-article")"
echo "== Python programs (https, rtt $rtt ms, latency $latency ms): $(date -u +%T)" | tee -a "$dir/run.log" >&2
JAVA="$java_bin" scripts/seed-python/run.sh --scheme https --rtt-ms "$rtt" --latency-ms "$latency" \
  --out "$dir/python.json" >>"$dir/run.log" 2>&1 \
  || die "the Python programs failed: $(grep 'seed-python:' "$dir/run.log" | tail -n1) (see $dir/run.log)"
mv "$dir/environment.json" "$dir/python.environment.json"  # the Python harness's; environment.json is the JMH run's
echo "== Java rows: $(date -u +%T)" | tee -a "$dir/run.log" >&2
defaults=(-p scheme=https -p "rttMs=$rtt" -p "latencyMs=$latency" -p "strategy=$rows" -f 2 -p warmup=10)
override_defaults defaults "$@"
status=0
"$java_bin" -jar "$JAR" "${kept[@]}" -rf json -rff "$dir/java.json" "$@" >>"$dir/run.log" 2>&1 || status=$?
has_rows "$dir/java.json" || die "the Java rows wrote no results (exit $status; see $dir/run.log)"
if [ $status -ne 0 ]; then
  rows_failed="$(failed_list "$dir/run.log")"
  echo "error: JMH exited $status${rows_failed:+; failed rows: $rows_failed} (see $dir/run.log)" >&2
  status=1
fi
report env --results "$dir/java.json" --out "$dir/environment.json" --jmh-args "${kept[*]} $*" || status=2
report tables "$dir/python.json" "$dir/java.json" --out "$dir/article.md" || status=2
echo "$dir"
exit $status
