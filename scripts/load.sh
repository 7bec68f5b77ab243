#!/usr/bin/env bash
# scripts/load.sh [--jdk JAVA_HOME] [--callers "1 16 256 1024"] [--rows a,b,c] [--results-dir DIR] [-- JMH args]
# Fan-out under load: C callers (JMH's -t C) each sending batches of n = 10 back to back, every concurrent row,
# latency 100 ms and 0, in SampleTime mode (batch-time percentiles; throughput = C / mean batch time). One JMH
# invocation per C, bounded to finish in under 30 minutes here: 2 forks, steady warm-up capped at 10 s (one
# caller), 2 x 500 ms warm-up at load, 5 x 1 s measured. A C the machine cannot hold (file descriptors, threads:
# the launcher checks before any fork) is refused with the launcher's one line, recorded in limits.txt, and the
# study goes on with the next C. Writes benchmarks-results/<date>-<jdk>-<host>-load/ with C<C>.json per C,
# run.log, limits.txt, environment.json, load.md (tables) and load-L<latency>-{throughput,p99,cpu}.png/.svg.
# Extra JMH args after -- are added to every invocation and replace the defaults they name (e.g. -f 1,
# -p latencyMs=100). The folder is the last
# line on stdout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
java_bin="${JAVA:-java}"
callers="1 16 256 1024"
rows="threadPool,virtualThreads,asyncHttpClient,httpClient5Async,jdkAsync"
results_dir=benchmarks-results
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --callers) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9\ ]+$ ]] && [ -n "${2// /}" ] \
                 || die "--callers needs whole numbers, e.g. \"1 16 256\"" 2
           callers="$2"; shift 2 ;;
    --rows) [ $# -ge 2 ] && [[ "$2" =~ ^[A-Za-z0-9,]+$ ]] || die "--rows needs strategy names, comma-separated" 2
           rows="$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (extra JMH arguments go after --; see --help)" 2 ;;
  esac
done
one_jdk
[ ${#jdks[@]} -eq 0 ] || java_bin="${jdks[0]}/bin/java"
for c in $callers; do [ "$c" -ge 1 ] || die "--callers: $c is not a positive number of callers" 2; done
ensure_jar
version="$(java_version "$java_bin")"
[ -n "$version" ] || die "cannot read java.version from $java_bin" 2
host="$(short_host)"
mkdir -p "$results_dir"
dir="$(new_dir "$results_dir/$(date -u +%F)-$version-$host-load")"
: > "$dir/limits.txt"
defaults=(-jvmArgsAppend -XX:NativeMemoryTracking=summary -bm sample -p "strategy=$rows" -p latencyMs=100,0 -f 2 -wi 2 -w 500ms -i 5 -r 1s -p warmup=10)
override_defaults defaults "$@"
status=0
jsons=()
for c in $callers; do
  echo "== C=$c callers: $(date -u +%T)" | tee -a "$dir/run.log" >&2
  set +e
  JAVA="$java_bin" "$java_bin" -jar "$JAR" -t "$c" "${kept[@]}" -rf json -rff "$dir/C$c.json" "$@" \
    >>"$dir/run.log" 2>&1
  rc=$?
  set -e
  if [ $rc -eq 2 ] && grep -q "^error: -t $c:" "$dir/run.log"; then
    line="$(grep "^error: -t $c:" "$dir/run.log" | tail -n1)"
    echo "${line#error: }" >> "$dir/limits.txt"
    echo "C=$c not run: ${line#error: }" >&2
    continue
  fi
  if has_rows "$dir/C$c.json"; then jsons+=("$dir/C$c.json"); fi
  if [ $rc -ne 0 ]; then
    rows_failed="$(failed_list "$dir/run.log")"
    echo "error: C=$c: JMH exited $rc${rows_failed:+; failed rows: $rows_failed} (see $dir/run.log)" >&2
    status=1
  fi
done
[ ${#jsons[@]} -gt 0 ] || die "the load study wrote no results (see $dir/run.log)"
report env --results "${jsons[0]}" --out "$dir/environment.json" \
  --jmh-args "-t <C> ${kept[*]} $* (C: $callers)" || status=2
report load "${jsons[@]}" --limits "$dir/limits.txt" --out "$dir/load.md" --charts "$dir/load.png" || status=2
report load "${jsons[@]}" --limits "$dir/limits.txt" --charts "$dir/load.svg" >/dev/null || status=2
echo "$dir"
exit $status
