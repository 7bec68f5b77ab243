#!/usr/bin/env bash
# scripts/find-jdk.sh [--min FEATURE]
# Prints the JAVA_HOME of the newest installed JDK whose feature version is >= FEATURE (default 21), looking at
# $JDK21_HOME, then every folder under /usr/lib/jvm, /usr/java, /opt/java and ~/.sdkman/candidates/java.
# Exit 1 (and nothing on stdout) when there is none.
set -euo pipefail
min=21
while [ $# -gt 0 ]; do
  case "$1" in
    --min) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || { echo "error: --min needs a whole number" >&2; exit 2; }
           min="$2"; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
best=""; best_v=0
for home in ${JDK21_HOME:-} /usr/lib/jvm/* /usr/java/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
  [ -L "$home" ] && continue
  v="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version = / && !v {v=$2} END {print v}')"
  [[ "$v" =~ ^[0-9]+$ ]] || continue
  if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
done
[ -n "$best" ] || exit 1
echo "$best"
