#!/usr/bin/env bash
# scripts/warmup-check.sh [--jdk JAVA_HOME]... [--strategies a,b] [--tolerance PCT] [--results-dir DIR]
# Is the default warm-up long enough? For each JDK (default: the java on PATH) and each row (default:
# jdkAsync,serial at latency 0, n = 10), two runs of the same jar:
#   steady:  one fork, no warm-up at all, 40 iterations of 1 s (-f 1 -wi 0 -i 40 -r 1s -p warmup=off); the row's
#            steady-state value is the median of iterations 31-40
#   default: the suite's default settings for that row (3 forks, the steady-state warm-up, 2 x 500 ms + 5 x 1 s)
# and writes check.md: per row and JDK the steady value, the default score, their ratio and whether it is within
# +-PCT % (default 15). Folder: <results-dir>/<yyyy-mm-dd>-<short-host>-warmup-check[-N]/ (default results dir:
# benchmarks-results) with each run's JMH JSON (<version>-steady.json, <version>-default.json), run.log, check.md.
# A row of the JDK client can sit on one of two plateaus for a whole fork on JDK 25 (README, "Where the JDK
# client's two plateaus come from"): one 40-iteration fork shows one of them.
# Exit status: 0 when every row is within the tolerance, 1 when one is not (or a run failed), 2 on bad input.
# Takes about 4 minutes per JDK for the two default rows. Run it with nothing else running.
# target/benchmarks.jar is rebuilt first when missing or stale (scripts/lib.sh ensure_jar).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
jdks=()
strategies="jdkAsync,serial"
tolerance=15
results_dir="benchmarks-results"
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --tolerance) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]?$ ]] || die "--tolerance needs a whole number of per cent (1-99)" 2
           tolerance="$2"; shift 2 ;;
    *) die "unknown option '$1' (see --help)" 2 ;;
  esac
done
command -v jq >/dev/null 2>&1 || die "jq is needed to read the JMH JSON (apt-get install jq)" 2
if [ ${#jdks[@]} -eq 0 ]; then
  home="$(path_java_home)"
  jdks+=("$home")
fi
cd "$root"
ensure_jar
host="$(short_host)"
dir="$(new_dir "$results_dir/$(date +%F)-$host-warmup-check")"
log="$dir/run.log"
status=0
rows=() # "version|strategy|steady|default|default_err"
for jdk in "${jdks[@]}"; do
  version="$(java_version "$jdk/bin/java")"
  [ -n "$version" ] || die "--jdk $jdk: cannot read java.version from its bin/java" 2
  common=(ConcurrentRequests.batch -p "strategy=$strategies" -p latencyMs=0 -p requests=10)
  echo "== JDK $version: steady (-f 1 -wi 0 -i 40 -r 1s -p warmup=off), then default settings" | tee -a "$log" >&2
  for kind in steady default; do
    extra=()
    [ "$kind" = default ] || extra=(-f 1 -wi 0 -i 40 -r 1s -p warmup=off)
    set +e
    "$jdk/bin/java" -jar "$JAR" "${common[@]}" "${extra[@]+"${extra[@]}"}" -rf json -rff "$dir/$version-$kind.json" \
      2>&1 | tee -a "$log" >&2
    rc=${PIPESTATUS[0]}
    set -e
    if [ "$rc" -ne 0 ] || ! has_rows "$dir/$version-$kind.json"; then
      echo "error: JDK $version, $kind run exited $rc (see $log)" >&2
      status=1
    fi
  done
  IFS=',' read -r -a names <<< "$strategies"
  for s in "${names[@]}"; do
    steady="$(jq -r --arg s "$s" '[.[] | select(.params.strategy == $s) | .primaryMetric.rawData[0]]
      | if length == 0 or (.[0] | length) < 40 then "n/a"
        else (.[0][30:40] | sort | (.[4] + .[5]) / 2) end' "$dir/$version-steady.json" 2>/dev/null || echo n/a)"
    default="$(jq -r --arg s "$s" '[.[] | select(.params.strategy == $s) | .primaryMetric]
      | if length == 0 then "n/a|n/a" else "\(.[0].score)|\(.[0].scoreError)" end' "$dir/$version-default.json" \
      2>/dev/null || echo "n/a|n/a")"
    rows+=("$version|$s|$steady|$default")
  done
done
{
  echo "# Is the default warm-up long enough?"
  echo
  echo "Written by \`scripts/warmup-check.sh\` ($(date -u +%FT%TZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$( [ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ] || echo ', uncommitted changes'), $(nproc) cores, $(uname -sr))."
  echo "*steady*: the median of iterations 31-40 of one fork without any warm-up (\`-f 1 -wi 0 -i 40 -r 1s -p warmup=off\`);"
  echo "*default*: the row's score (mean of 3 forks x 5 iterations ± JMH's 99.9 % half-width) under the default settings;"
  echo "*ratio*: default / steady; within ±$tolerance % is the aim. Latency 0, n = 10."
  echo
  echo "| JDK | row | steady ms/op | default ms/op | default / steady | verdict |"
  echo "|---|---|---:|---:|---:|---|"
  for r in "${rows[@]}"; do
    IFS='|' read -r v s st sc se <<< "$r"
    if [ "$st" = n/a ] || [ "$sc" = n/a ]; then
      echo "| $v | \`$s\` | $st | $sc | n/a | run failed |"
      status=1
      continue
    fi
    line="$(awk -v st="$st" -v sc="$sc" -v se="$se" -v t="$tolerance" 'BEGIN {
      r = sc / st; ok = (r >= 1 - t / 100 && r <= 1 + t / 100)
      printf "%.3f|%.3f ± %.3f|%.3f|%s", st, sc, se, r, ok ? "within ±" t " %" : "OUTSIDE ±" t " %" }')"
    IFS='|' read -r a b c d <<< "$line"
    echo "| $v | \`$s\` | $a | $b | $c× | $d |"
    case "$d" in OUTSIDE*) status=1 ;; esac
  done
} > "$dir/check.md"
cat "$dir/check.md" >&2
echo "$dir"
exit "$status"
