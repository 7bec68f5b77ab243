#!/usr/bin/env bash
# scripts/run.sh [--jdk JAVA_HOME]... [--name LABEL] [-- JMH args]
# Runs the suite once per JDK (default: the java on PATH) and writes one folder per run:
#   benchmarks-results/<yyyy-mm-dd>-<jdk-version>-<short-host>[-<label>][-N]/
#     results.json environment.json run.log tables.md tables.csv chart.svg chart.png chart-log.svg chart-log.png
# With several JDKs it also writes benchmarks-results/<date>-compare-<jdkA>-vs-<jdkB>-<host>/ with compare.md
# and the charts of all runs together.
# Existing folders are never overwritten (a -2, -3 ... suffix is added). JMH's output goes to stderr and run.log;
# stdout gets each run folder as it is done, so the last line is the (last) run folder. A failed JMH run keeps
# what it wrote, gets one error line, and makes the exit status non-zero.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jdks=()
label=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jdk) [ $# -ge 2 ] || { echo "error: --jdk needs a JAVA_HOME" >&2; exit 2; }
           [ -x "$2/bin/java" ] || { echo "error: --jdk $2: no bin/java there" >&2; exit 2; }
           jdks+=("$2"); shift 2 ;;
    --name) [ $# -ge 2 ] || { echo "error: --name needs a label" >&2; exit 2; }; label="-$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (JMH arguments go after --)" >&2; exit 2 ;;
  esac
done
jmh_args=("$@")
if [ ${#jdks[@]} -eq 0 ]; then
  java_bin="$(command -v java || true)"
  [ -n "$java_bin" ] || { echo "error: no java on PATH; pass --jdk JAVA_HOME" >&2; exit 2; }
  jdks+=("$(dirname "$(dirname "$(readlink -f "$java_bin")")")")
fi
# the default run includes the allocation profiler (bytes per batch and per request)
has_prof=0
for a in "${jmh_args[@]+"${jmh_args[@]}"}"; do case "$a" in -prof*) has_prof=1 ;; esac; done
[ $has_prof -eq 1 ] || jmh_args+=(-prof gc)

[ -f target/benchmarks.jar ] || mvn -B -q -DskipTests package
host="$(hostname -s 2>/dev/null || hostname)"
day="$(date +%F)"
report() { java -Djava.awt.headless=true -cp target/benchmarks.jar httpbench.report.ReportMain "$@"; }
new_dir() { # a fresh folder: mkdir fails if it exists, so two runs never share one
  local base="$1" d="$1" i=2
  mkdir -p "$(dirname "$base")"
  until mkdir "$d" 2>/dev/null; do
    [ -d "$(dirname "$base")" ] || { echo "error: cannot create $d" >&2; exit 2; }
    d="$base-$i"; i=$((i + 1))
  done
  echo "$d"
}
# a report step that fails has already printed its one line; note it and go on with the next step
step() { report "$@" || status=$((status == 0 ? 2 : status)); }
runs=()
versions=()
status=0
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version = /{print $2; exit}')"
  [ -n "$version" ] || { echo "error: --jdk $jdk: cannot read java.version from its bin/java" >&2; exit 2; }
  dir="$(new_dir "benchmarks-results/$day-$version-$host$label")"
  echo "== JDK $version ($jdk) -> $dir" >&2
  set +e
  # JMH's output goes to stderr and run.log; stdout carries only the folder paths
  "$jdk/bin/java" -jar target/benchmarks.jar -rf json -rff "$dir/results.json" "${jmh_args[@]}" 2>&1 | tee "$dir/run.log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  [ $rc -eq 0 ] || status=$rc
  if [ -s "$dir/results.json" ] && report env --results "$dir/results.json" --out "$dir/environment.json" \
       --jmh-args "${jmh_args[*]}"; then
    step tables "$dir/results.json" --out "$dir/tables.md"
    step tables --csv "$dir/results.json" --out "$dir/tables.csv"
    step chart "$dir/results.json" --out "$dir/chart.svg"
    step chart "$dir/results.json" --out "$dir/chart.png"
    step chart "$dir/results.json" --log --out "$dir/chart-log.svg"
    step chart "$dir/results.json" --log --out "$dir/chart-log.png"
    runs+=("$dir")
    versions+=("$version")
    [ $rc -eq 0 ] || echo "error: the JMH run on JDK $version exited $rc; the rows it finished are in $dir" >&2
  elif [ $rc -ne 0 ]; then
    echo "error: the JMH run on JDK $version exited $rc with no results; its output is in $dir/run.log" >&2
  else
    echo "error: no usable results in $dir; no tables or charts for JDK $version" >&2
    status=1
  fi
  echo "$dir"
done
if [ ${#runs[@]} -ge 2 ]; then
  vs="$(IFS=_; echo "${versions[*]}")"
  cdir="$(new_dir "benchmarks-results/$day-compare-${vs//_/-vs-}-$host$label")"
  files=(); for d in "${runs[@]}"; do files+=("$d/results.json"); done
  step compare "${files[@]}" --out "$cdir/compare.md"
  step chart "${files[@]}" --out "$cdir/chart.png"
  step chart "${files[@]}" --out "$cdir/chart.svg"
  step chart "${files[@]}" --log --out "$cdir/chart-log.png"
  step chart "${files[@]}" --log --out "$cdir/chart-log.svg"
  echo "comparison: $cdir/compare.md" >&2
fi
exit $status
