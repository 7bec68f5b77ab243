# scripts/lib.sh: sourced by the scripts (not run). Sets $root (the project) and defines:
#   die MSG           one line "error: MSG" on stderr, exit 1 (exit code: $2 when given)
#   ensure_jar        rebuilds target/benchmarks.jar when it is missing, older than a file under src/ or pom.xml,
#                     or built from another commit than `git rev-parse HEAD`; says why in one stderr line
#   jar_commit JAR    the commit a jar was built from (git.commit.id.full of its httpbench-git.properties)
#   report ARGS...    the report CLI (httpbench.report.ReportMain) from the jar
#   suite_default KEY the jar's default of a run setting (forks, warmupIterations, ...: java -jar JAR --defaults)
#   new_dir BASE      creates and prints a fresh folder: BASE, else BASE-2, BASE-3 ...
#   usage             prints the calling script's leading comment block (its --help)
#   has_rows FILE     true when FILE is a JMH JSON result with at least one row
#   failed_rows LOG   the rows the launcher named as failed in a JMH log, one per line
#   failed_list LOG   the same rows on one line, "a; b" (empty when none)
#   short_host        this machine's short host name (the folder names' <short-host>)
#   shared_option ARGS one of the options every script shares (--jdk, --results-dir, --strategies, --help)
#   java_home_arg OPT VALUE  dies (exit 2) unless VALUE is a JAVA_HOME with bin/java ("OPT needs ...")
#   java_version BIN  the java.version of the java binary BIN (empty when it cannot be read)
#   path_java_home    the JAVA_HOME of the java on PATH; dies (exit 2) when there is none
# MVN (default: mvn) and JAVA (default: java) may be overridden, e.g. by tests.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$root/target/benchmarks.jar"

usage() { awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; }

die() { echo "error: $1" >&2; exit "${2:-1}"; }

jar_commit() { # prints "?" when no tool here can read the jar (then the commit check is skipped)
  local props
  if command -v unzip >/dev/null 2>&1; then
    props="$(unzip -p "$1" httpbench-git.properties 2>/dev/null || true)"
  elif command -v python3 >/dev/null 2>&1; then
    props="$(python3 -c 'import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read("httpbench-git.properties").decode())' \
      "$1" 2>/dev/null || true)"
  else
    echo "?"; return 0
  fi
  printf '%s\n' "$props" | sed -n 's/^git\.commit\.id\.full=\([0-9a-f]*\).*/\1/p' | sed -n 1p
}

ensure_jar() {
  local why="" newer head built
  if [ ! -f "$JAR" ]; then
    why="target/benchmarks.jar is missing"
  else
    newer="$(find "$root/src" "$root/pom.xml" -type f -newer "$JAR" -print 2>/dev/null | sed -n 1p)"
    if [ -n "$newer" ]; then
      why="${newer#"$root"/} is newer than the jar"
    elif head="$(git -C "$root" rev-parse HEAD 2>/dev/null)" && [ -n "$head" ]; then
      built="$(jar_commit "$JAR")"
      if [ -z "$built" ]; then why="the jar names no build commit"
      elif [ "$built" != "?" ] && [ "$built" != "$head" ]; then why="the jar was built from ${built:0:12}, HEAD is ${head:0:12}"
      fi
    fi
  fi
  [ -n "$why" ] || return 0
  echo "rebuilding target/benchmarks.jar: $why (mvn -B -q -DskipTests package)" >&2
  (cd "$root" && "${MVN:-mvn}" -B -q -Dstyle.color=never -DskipTests package) >&2 \
    || die "the build failed (mvn -B -q -DskipTests package, output above); fix it, then run again"
  [ -f "$JAR" ] || die "the build wrote no target/benchmarks.jar"
}

# The options every script spells the same way, parsed in one place. In a script's option loop:
#   shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
# --jdk JAVA_HOME (appends to jdks; one_jdk refuses a second), --results-dir DIR (results_dir), --strategies a,b
# (strategies: row names), -h/--help (the script's leading comment); taken = how many arguments it used, 0: not one
jdks=()
taken=0
shared_option() {
  taken=0
  case "$1" in
    --jdk) java_home_arg --jdk "${2:-}"; jdks+=("$2"); taken=2 ;;
    --results-dir) [ $# -ge 2 ] || die "--results-dir needs a folder" 2
                   results_dir="$2"; taken=2 ;;
    --strategies) [ $# -ge 2 ] && [[ "$2" =~ ^[A-Za-z0-9]+(,[A-Za-z0-9]+)*$ ]] \
                    || die "--strategies needs row names separated by commas, e.g. jdkAsync,serial" 2
                  strategies="$2"; taken=2 ;;
    -h|--help) usage; exit 0 ;;
  esac
}
one_jdk() { [ ${#jdks[@]} -le 1 ] || die "one --jdk only (for several JDKs: scripts/run.sh)" 2; }

# one of the suite's settings (forks, warmupIterations, warmupMs, measurementIterations, measurementMs) as the jar
# declares them (the launcher's --defaults), so no script reads the Java source
suite_default() { "${JAVA:-java}" -jar "$JAR" --defaults | sed -n "s/^$1=//p"; }

report() { "${JAVA:-java}" -Djava.awt.headless=true -cp "$JAR" httpbench.report.ReportMain "$@"; }

new_dir() { # a fresh folder: mkdir fails if it exists, so two runs never share one
  local base="$1" d="$1" i=2
  mkdir -p "$(dirname "$base")" || die "cannot create $(dirname "$base")" 2
  until mkdir "$d" 2>/dev/null; do
    [ -d "$(dirname "$base")" ] && [ -w "$(dirname "$base")" ] || die "cannot create $d" 2
    d="$base-$i"; i=$((i + 1))
  done
  echo "$d"
}

java_version() { # reads the whole output (no early exit: a closed pipe would kill java under pipefail)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.version = / && !v {v=$2} END {print v}'
}

path_java_home() {
  local java_bin
  java_bin="$(command -v java || true)"
  [ -n "$java_bin" ] || die "no java on PATH; pass --jdk JAVA_HOME" 2
  dirname "$(dirname "$(readlink -f "$java_bin")")"
}

has_rows() { [ -s "$1" ] && grep -q '"benchmark"' "$1"; }

failed_rows() { # the launcher's "N benchmark row(s) FAILED ..." list (indented lines) and "failed rows: a; b"
  [ -f "$1" ] || return 0
  awk '/benchmark row\(s\) FAILED/ {on=1; next}
       on && /^  / {sub(/^  /, ""); print; next}
       {on=0}
       /^failed rows: / {sub(/^failed rows: /, ""); n=split($0, a, "; "); for (i=1; i<=n; i++) print a[i]}' "$1" | awk '!seen[$0]++'
}

failed_list() { failed_rows "$1" | paste -sd ';' - | sed 's/;/; /g'; }

short_host() { hostname -s 2>/dev/null || hostname; }

java_home_arg() { [ -n "${2:-}" ] && [ -x "$2/bin/java" ] || die "$1 needs a JAVA_HOME with bin/java" 2; }

# A script's default JMH options (pairs "-x value" in the array named by $1) minus those the user's JMH arguments
# (the rest) set themselves, in the global array `kept`: JMH refuses an option given twice, and for -p the user's
# parameter replaces the default of that parameter only (-p strategy=a does not drop -p latencyMs=...).
override_defaults() {
  local -n defs="$1"; shift
  local -A flags=() params=()
  local prev=""
  for a in "$@"; do
    if [ "$prev" = -p ]; then params["${a%%=*}"]=1; fi
    case "$a" in -*) flags["$a"]=1 ;; esac
    prev="$a"
  done
  kept=()
  local i
  for ((i = 0; i < ${#defs[@]}; i += 2)); do
    local opt="${defs[i]}" val="${defs[i + 1]}"
    if [ "$opt" = -p ]; then
      [ -n "${params[${val%%=*}]+x}" ] && continue
    elif [ -n "${flags[$opt]+x}" ]; then
      continue
    fi
    kept+=("$opt" "$val")
  done
}
