#!/usr/bin/env bash
# scripts/methodology.sh [--write | --check] [src/site/markdown/methodology.md]
# Regenerates (--write, the default) or checks (--check: exit 1 when stale) the README's methodology section
# from the code. target/benchmarks.jar is rebuilt first when missing or stale (scripts/lib.sh ensure_jar).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode="--write"
readme="src/site/markdown/methodology.md"
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --write|--check) mode="$1"; shift ;;
  "") ;;
  -*) die "unknown option '$1' (see --help)" 2 ;;
esac
if [ $# -gt 0 ]; then readme="$1"; shift; fi
[ $# -eq 0 ] || die "too many arguments: $* (see --help)" 2
cd "$root"
[ -f "$readme" ] || die "$readme: no such file" 2
ensure_jar
exec "${JAVA:-java}" -cp "$JAR" httpbench.jmh.Methodology "$mode" "$readme"
