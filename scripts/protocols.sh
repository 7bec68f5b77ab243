#!/usr/bin/env bash
# scripts/protocols.sh [--jdk JAVA_HOME]... [--forks N] [--parts tls,rtt,h2] [--results-dir DIR] [-- JMH args]
# What HTTPS, HTTP/2 and round trips change: three interleaved runs (scripts/run.sh, every JDK's forks in one
# random order, so the machine's drift hits each JDK alike) in one study folder
#   <results-dir>/<yyyy-mm-dd>-<short-host>-protocols/
# with, per part, a run folder per JDK (<date>-<jdk>-<host>-<part>/) and their compare folder:
#   tls  TLS cost: -p scheme=http,https at latencyMs=0, n = 10, the pooled rows and the two fresh rows
#        (a fresh row pays n handshakes per batch; a pooled row only encryption once warm)
#   rtt  fresh vs pooled under a network round trip: -p scheme=https -p rttMs=50 at latencyMs=0
#   h2   HTTP/1.1 vs HTTP/2 over TLS (ALPN): -p protocol=http1,h2 -p requests=10,100 at latencyMs=0, the rows with
#        their own HTTP/2 (the peakConnections column: n connections for HTTP/1.1, 1 when multiplexed)
# Defaults: the java on PATH and the newest JDK 21+ found (scripts/find-jdk.sh), 2 forks per JDK, the suite's own
# steady-state warm-up (-p warmup=auto, at most 40 s: a cap of 15 s left a fresh row's TLS code still compiling,
# one measured batch of 659 ms among ~110 ms ones); JMH arguments after -- replace the default of the same option
# or parameter. About 25 minutes per JDK here (2 cores). The README's section "What HTTPS, HTTP/2 and round trips
# change" is generated from the newest such folder (scripts/report.sh readme). The study folder is the last line
# on stdout; a part that fails still leaves the rows that ran, one error line names it, and the exit status is
# non-zero.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
jdks=()
forks=2
parts="tls,rtt,h2"
results_dir=benchmarks-results
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --forks) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--forks needs a whole number >= 1" 2
           forks="$2"; shift 2 ;;
    --parts) [ $# -ge 2 ] && [[ "$2" =~ ^(tls|rtt|h2)(,(tls|rtt|h2))*$ ]] || die "--parts needs some of tls,rtt,h2, comma-separated" 2
           parts="$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (extra JMH arguments go after --; see --help)" 2 ;;
  esac
done
for a in "$@"; do
  case "$a" in -f|-f[0-9]*) die "give the fork count as --forks N (each JDK's forks are interleaved)" 2 ;; esac
done
if [ ${#jdks[@]} -eq 0 ]; then
  home="$(path_java_home)"
  jdks+=("$home")
  newer="$(scripts/find-jdk.sh --min 21 || true)"
  if [ -n "$newer" ] && [ "$(readlink -f "$newer")" != "$(readlink -f "${jdks[0]}")" ]; then jdks+=("$newer"); fi
fi
jdk_args=()
for j in "${jdks[@]}"; do jdk_args+=(--jdk "$j"); done
ensure_jar
host="$(short_host)"
study="$(new_dir "$results_dir/$(date -u +%F)-$host-protocols")"
common=(-p latencyMs=0)
status=0
IFS=',' read -r -a wanted <<< "$parts"
for part in "${wanted[@]}"; do
  case "$part" in
    tls) defaults=(-p scheme=http,https -p requests=10
           -p strategy=serial,threadPool,asyncHttpClient,httpClient5Async,jdkAsync,freshAsyncHttpClient,freshJdkAsync) ;;
    rtt) defaults=(-p scheme=https -p rttMs=50 -p requests=10
           -p strategy=serial,asyncHttpClient,jdkAsync,freshAsyncHttpClient,freshJdkAsync) ;;
    h2)  defaults=(-p scheme=https -p protocol=http1,h2 -p requests=10,100
           -p strategy=asyncHttpClient,httpClient5Async,jdkAsync) ;;
  esac
  defaults+=("${common[@]}")
  override_defaults defaults "$@"
  echo "== part $part: $(date -u +%T)" >&2
  out="$(mktemp)"
  set +e
  scripts/run.sh "${jdk_args[@]}" --forks "$forks" --name "$part" --results-dir "$study" -- "${kept[@]}" "$@" >"$out"
  rc=$?
  set -e
  rm -f "$out"
  if [ $rc -ne 0 ]; then
    echo "error: part $part: scripts/run.sh exited $rc (its lines above say why; the rows that ran are in $study)" >&2
    status=1
    [ $rc -ne 2 ] || break # refused before any fork: the next parts would be too
  fi
done
if [ -z "$(find "$study" -name results.json -print -quit)" ]; then
  rmdir "$study" 2>/dev/null || true
  exit $((status == 0 ? 1 : status))
fi
echo "$study"
exit $status
