#!/usr/bin/env bash
# scripts/profile.sh [--jdk JAVA_HOME]... [--strategies a,b] [--latency MS] [--events wall,alloc] [--forks N]
#                    [--results-dir DIR] [-- JMH args]
#        scripts/profile.sh --index FOLDER   (rewrites a profile folder's index.md)
# Flame graphs of where each row's time and allocations go, with the async-profiler that target/benchmarks.jar
# bundles (tools.profiler:async-profiler; the launcher extracts its native library for this platform and passes
# libPath to JMH's -prof async, so nothing is installed). For each JDK (default: the java on PATH), each event
# (default: wall = wall-clock time of every thread, including waiting; alloc = allocated bytes) and each fork,
# one JMH invocation of -f 1 with -prof async:event=E;output=flamegraph;dir=... on the default rows (--strategies:
# a comma-separated subset) at latency --latency (default 0: the client's own cost). One fork per invocation
# because JMH 1.37 writes every fork of a row into the same file, so a later fork would overwrite the first.
# Folder: <results-dir>/<yyyy-mm-dd>-<jdk-version>-<short-host>-profile[-N]/ (default results dir:
# benchmarks-results) with flames/<event>/fork-<k>/<row>/flame-<event>-forward.html (and -reverse), run.log,
# index.md (a link per row, event and fork) and each invocation's JMH JSON under forks/. The numbers of a profiled
# run are not the suite's numbers (the profiler costs time), so the folder has no results.json and the README and
# the reports never read it. Takes about 4 minutes per JDK, event and fork for the six default rows.
# async-profiler's wall and alloc modes need no perf_events, so they work in containers; event=cpu needs
# kernel.perf_event_paranoid <= 1 (else async-profiler falls back to a timer: JMH prints why).
# target/benchmarks.jar is rebuilt first when missing or stale (scripts/lib.sh ensure_jar).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# index.md of a profile folder: a line per row, event and fork with links to its flame graphs
index() {
  local dir="$1" version="$2" lat="$3"
  {
    echo "# Flame graphs: JDK $version, latency $lat ms"
    echo
    echo "Made by \`scripts/profile.sh\` with async-profiler (bundled in target/benchmarks.jar) through JMH's"
    echo "\`-prof async\`, one fork per invocation; open the .html files in a browser. *wall*: where every thread"
    echo "spends wall-clock time, waiting included; *alloc*: where the bytes are allocated. The times of a profiled"
    echo "run are not the suite's numbers."
    echo
    echo "| row | event | fork | flame graph (callers at the bottom) | reverse (callees at the bottom) |"
    echo "|---|---|---|---|---|"
    find "$dir/flames" -name 'flame-*-forward.html' | sort | while IFS= read -r f; do
      local rel="${f#"$dir"/}" sub row fk ev rev r2
      sub="$(basename "$(dirname "$f")")"
      row="$(sed -n 's/.*-strategy-\([A-Za-z0-9]*\)-.*/\1/p' <<< "$sub")"; [ -n "$row" ] || row="$sub"
      fk="$(basename "$(dirname "$(dirname "$f")")")"
      ev="$(basename "$(dirname "$(dirname "$(dirname "$f")")")")"
      rev="${rel%-forward.html}-reverse.html"
      r2="$rev"; [ -f "$dir/$rev" ] || r2=""
      echo "| \`$row\` | $ev | ${fk#fork-} | [forward]($rel) | ${r2:+[reverse]($r2)} |"
    done
  } > "$dir/index.md"
}
jdks=()
strategies=""
latency=0
events="wall,alloc"
forks=1
results_dir="benchmarks-results"
index_only=""
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --latency) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--latency needs a whole number of milliseconds" 2
           latency="$2"; shift 2 ;;
    --events) [ $# -ge 2 ] && [[ "$2" =~ ^(wall|alloc|cpu|lock)(,(wall|alloc|cpu|lock))*$ ]] \
             || die "--events needs a comma-separated list of wall, alloc, cpu, lock" 2
           events="$2"; shift 2 ;;
    --forks) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--forks needs a whole number >= 1" 2
           forks="$2"; shift 2 ;;
    --index) [ $# -ge 2 ] && [ -d "$2/flames" ] || die "--index needs a profile folder (with flames/)" 2
           index_only="$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (JMH arguments go after --; see --help)" 2 ;;
  esac
done
jmh_args=("$@")
if [ -n "$index_only" ]; then
  v="$(sed -n 's/^# Flame graphs: JDK \([^,]*\), latency \([0-9]*\) ms$/\1 \2/p' "$index_only/index.md" 2>/dev/null || true)"
  [ -n "$v" ] || die "--index $index_only: no index.md to read the JDK and latency from" 2
  index "$index_only" "${v% *}" "${v#* }"
  echo "$index_only/index.md"
  exit 0
fi
for a in "${jmh_args[@]+"${jmh_args[@]}"}"; do
  case "$a" in
    -f|-f[0-9]*) die "JMH option -f: profile.sh runs one fork per invocation; use --forks N" 2 ;;
    -prof*) die "JMH option $a: profile.sh adds -prof async itself" 2 ;;
  esac
done
if [ ${#jdks[@]} -eq 0 ]; then
  home="$(path_java_home)"
  jdks+=("$home")
fi
cd "$root"
[ -d "$results_dir" ] || die "--results-dir $results_dir: no such folder" 2
ensure_jar
host="$(short_host)"
day="$(date +%F)"
IFS=, read -r -a event_list <<< "$events"
p_args=(-p "latencyMs=$latency")
[ -z "$strategies" ] || p_args+=(-p "strategy=$strategies")
status=0
for jdk in "${jdks[@]}"; do
  version="$(java_version "$jdk/bin/java")"
  [ -n "$version" ] || die "--jdk $jdk: cannot read java.version from its bin/java" 2
  dir="$(new_dir "$results_dir/$day-$version-$host-profile")"
  mkdir -p "$dir/forks" "$dir/flames"
  echo "== JDK $version ($jdk) -> $dir" >&2
  for k in $(seq 1 "$forks"); do
    for e in "${event_list[@]}"; do
      out="$dir/flames/$e/fork-$k"
      mkdir -p "$out"
      echo "== JDK $version: event $e, fork $k of $forks" | tee -a "$dir/run.log" >&2
      # -prof async without libPath: the launcher supplies the bundled library
      if ! "$jdk/bin/java" -jar "$JAR" -f 1 "${p_args[@]}" -rf json -rff "$dir/forks/$e-$k.json" \
          -prof "async:event=$e;output=flamegraph;dir=$out" "${jmh_args[@]+"${jmh_args[@]}"}" 2>&1 \
          | tee -a "$dir/run.log" >&2; then
        status=1
      fi
    done
  done
  index "$dir" "$version" "$latency"
  n="$(find "$dir/flames" -name 'flame-*-forward.html' | wc -l)"
  [ "$n" -gt 0 ] || { echo "error: JDK $version: no flame graph was written (see $dir/run.log)" >&2; status=1; }
  echo "$dir"
done
exit $status
