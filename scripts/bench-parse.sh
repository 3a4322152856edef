#!/bin/sh
# Compares `vigil bench parse` with ../shared/tools/ndjson_floor on one NDJSON file, in CPU seconds (user + system)
# as well as wall-clock, so that a busy machine skews the comparison less. Build first:
#   swift build -c release --product vigil
# Usage: scripts/bench-parse.sh FILE [RUNS]
set -eu
file=$1
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
vigil=$root/.build/release/vigil
floor=$root/../shared/tools/ndjson_floor
fields=$(sed 's/^/--field /' "$root/scripts/bench-parse-fields.txt" | tr '\n' ' ')
bytes=$(wc -c < "$file")
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk -v b="$bytes" '{ s = $1 + $2; printf "%.3f cpu-s %7.1f MB/cpu-s", s, b / s / 1e6 }'; }
i=0
while [ "$i" -lt "$runs" ]; do
  echo "floor        $(cpu "$floor" "$file")"
  # shellcheck disable=SC2086
  echo "vigil all    $(cpu "$vigil" bench parse "$file")"
  # shellcheck disable=SC2086
  echo "vigil fields $(cpu "$vigil" bench parse $fields "$file")"
  i=$((i + 1))
done
