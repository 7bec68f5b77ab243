#!/usr/bin/env bash
# Regenerates (--write) or checks (--check) the README's methodology section from the code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -f target/benchmarks.jar ] || mvn -B -q -DskipTests package
exec java -cp target/benchmarks.jar httpbench.jmh.Methodology "${1:---write}" "${2:-README.md}"
