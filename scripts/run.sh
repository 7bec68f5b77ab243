#!/usr/bin/env bash
# scripts/run.sh [--jdk JAVA_HOME]... [--name LABEL] [-- JMH args]
# Runs the suite once per JDK (default: the java on PATH) and writes one folder per run:
#   benchmarks-results/<yyyy-mm-dd>-<jdk-version>-<short-host>[-<label>][-N]/
#     results.json environment.json tables.md tables.csv chart.svg chart.png
# With several JDKs it also writes benchmarks-results/<date>-compare-<jdkA>-vs-<jdkB>-<host>/compare.md.
# Existing folders are never overwritten (a -2, -3 ... suffix is added). The run folder is printed last.
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
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
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
for a in "${jmh_args[@]+"${jmh_args[@]}"}"; do [ "$a" = "-prof" ] && has_prof=1; done
[ $has_prof -eq 1 ] || jmh_args+=(-prof gc)

[ -f target/benchmarks.jar ] || mvn -B -q -DskipTests package
host="$(hostname -s 2>/dev/null || hostname)"
day="$(date +%F)"
report() { java -Djava.awt.headless=true -cp target/benchmarks.jar httpbench.report.ReportMain "$@"; }
new_dir() {
  local base="$1" d="$1" i=2
  while [ -e "$d" ]; do d="$base-$i"; i=$((i + 1)); done
  mkdir -p "$d"; echo "$d"
}
runs=()
versions=()
status=0
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version = /{print $2; exit}')"
  dir="$(new_dir "benchmarks-results/$day-$version-$host$label")"
  echo "== JDK $version ($jdk) -> $dir" >&2
  set +e
  # progress goes to stderr (and run.log); stdout carries only the folder path, printed last
  "$jdk/bin/java" -jar target/benchmarks.jar -rf json -rff "$dir/results.json" "${jmh_args[@]}" 2>&1 | tee "$dir/run.log" >&2
  rc=${PIPESTATUS[0]}
  set -e
  if [ $rc -ne 0 ]; then
    echo "error: the JMH run on JDK $version exited $rc; what it wrote is kept in $dir" >&2
    status=$rc
  fi
  if [ -s "$dir/results.json" ]; then
    report env --results "$dir/results.json" --out "$dir/environment.json" --jmh-args "${jmh_args[*]}"
    report tables "$dir/results.json" --out "$dir/tables.md"
    report tables --csv "$dir/results.json" --out "$dir/tables.csv"
    report chart "$dir/results.json" --out "$dir/chart.svg"
    report chart "$dir/results.json" --out "$dir/chart.png"
    runs+=("$dir")
    versions+=("$version")
  fi
  last="$dir"
done
if [ ${#runs[@]} -ge 2 ]; then
  vs="$(IFS=_; echo "${versions[*]}")"
  cdir="$(new_dir "benchmarks-results/$day-compare-${vs//_/-vs-}-$host$label")"
  files=(); for d in "${runs[@]}"; do files+=("$d/results.json"); done
  report compare "${files[@]}" --out "$cdir/compare.md"
  report chart "${files[@]}" --out "$cdir/chart.png"
  report chart "${files[@]}" --out "$cdir/chart.svg"
  echo "comparison: $cdir/compare.md" >&2
fi
echo "${last:-}"
exit $status
