#!/usr/bin/env bash
# Vigil, the parse-only floor and the Python `eql` engine on the same events and the same EQL rules, side by side.
# Run with --help for what it does; docs/benchmarks.md shows a run.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/compare-engines.sh [--events N] [--python-events M] [--runs R] [--seed S] [--keep]

Prints, side by side, how fast three programs get through the same generated ECS events:

  floor     ../shared/tools/ndjson_floor FILE: simdjson merely parsing every document (no rules), docs/s.
  vigil     .build/release/vigil bench scan --rules DIR --format json FILE: read, decode, evaluate, build alerts;
            its "seconds" exclude compiling the rules (reported apart as "compile").
  python    the `eql` package (1.0.1) PythonEngine, via scripts/eql_bench.py: JSON parsing, conversion to eql
            events and evaluation; evaluation alone is shown too.

Rules: the detection-rules corpus's EQL rules (../shared/corpus/detection-rules/rules) that Python eql can run:
event queries (sequences and samples are left out) that it parses in Elasticsearch syntax and its engine compiles.
Their files are copied into a temporary folder; vigil and Python get exactly that folder. For scale, vigil also
runs the whole pack (../shared/corpus/detection-rules: every rule type, building blocks included, as `vigil scan
--rules` of that folder runs it) over the same file.

Events: python3 ../shared/tools/gen_events.py --events N --seed S (deterministic). floor and vigil read all N;
Python eql (about 100-200 events/s with these rules) reads the first M of the same file, and vigil is also run
on those M, so each per-second figure has a same-input comparison.

Options:
  --events N          events generated (default 20000)
  --python-events M   events Python eql evaluates, the first M of the file (default 2000, at most N)
  --runs R            runs of floor and vigil, the best kept (default 3); Python runs once
  --seed S            generator seed (default 7)
  --keep              keep the temporary folder (events, copied rules, raw outputs) and print its path
  -h, --help          this text

Needs: python3, g++ and libsimdjson-dev (ndjson_floor installs it with apt-get when missing), swift (vigil is
built with `swift build -c release --product vigil` when .build/release/vigil is missing or older than Sources/),
and PyPI for `pip install eql==1.0.1` into the venv /tmp/vigil-eql-venv unless python3 already imports eql 1.0.1.
Set VIGIL_SHARED to the shared folder when it is not ../shared from the repository root, and VIGIL to a vigil
binary to use instead of building one.
EOF
}

events=20000
python_events=2000
runs=3
seed=7
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=${2:?--events needs a number}; shift 2 ;;
    --python-events) python_events=${2:?--python-events needs a number}; shift 2 ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --keep) keep=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "compare-engines.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for number in "$events" "$python_events" "$runs" "$seed"; do
  case "$number" in '' | *[!0-9]*) echo "compare-engines.sh: '$number' is not a whole number" >&2; exit 2 ;; esac
done
[ "$python_events" -le "$events" ] || python_events=$events

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${VIGIL_SHARED:-$root/../shared}
pack=$shared/corpus/detection-rules
corpus=$pack/rules
generator=$shared/tools/gen_events.py
floor=$shared/tools/ndjson_floor
for needed in "$corpus" "$generator" "$floor"; do
  [ -e "$needed" ] || { echo "compare-engines.sh: $needed not found (set VIGIL_SHARED)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/vigil-compare.XXXXXX)
if [ "$keep" = 1 ]; then trap 'echo "kept: $work"' EXIT; else trap 'rm -rf "$work"' EXIT; fi
say() { echo "== $*" >&2; }

# 1. Events.
say "generating $events events (seed $seed) with $generator"
python3 "$generator" --events "$events" --seed "$seed" --out "$work/events.ndjson"
head -n "$python_events" "$work/events.ndjson" >"$work/events-python.ndjson"

# 2. vigil, built in release when missing or older than the sources.
vigil=${VIGIL:-$root/.build/release/vigil}
if [ -n "${VIGIL:-}" ]; then
  [ -x "$vigil" ] || { echo "compare-engines.sh: VIGIL=$vigil is not an executable" >&2; exit 1; }
elif [ ! -x "$vigil" ] || [ -n "$(find "$root/Sources" "$root/Package.swift" -newer "$vigil" -print -quit)" ]; then
  say "building vigil: swift build -c release --product vigil (in $root)"
  (cd "$root" && swift build -c release --product vigil >&2)
fi

# 3. Python eql 1.0.1.
python=python3
if ! python3 -c 'import eql, sys; sys.exit(eql.__version__ != "1.0.1")' 2>/dev/null; then
  venv=/tmp/vigil-eql-venv
  if ! "$venv/bin/python" -c 'import eql, sys; sys.exit(eql.__version__ != "1.0.1")' 2>/dev/null; then
    say "installing eql==1.0.1 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet eql==1.0.1 >&2
  fi
  python=$venv/bin/python
fi

# 4. The rules Python eql can run, copied.
say "selecting the EQL rules Python eql parses and compiles, from $corpus"
"$python" "$root/scripts/eql_bench.py" select "$corpus" "$work/eql-rules" >"$work/select.json"

# 5. Runs. Floor and vigil: best of $runs.
best() { # best JSON line (highest $1) of the commands' outputs in file $2
  python3 -c 'import json,sys; k=sys.argv[1]; rows=[json.loads(l) for l in open(sys.argv[2]) if l.strip()]
print(json.dumps(max(rows, key=lambda r: r[k])))' "$1" "$2"
}
say "ndjson_floor x$runs"
for _ in $(seq "$runs"); do
  "$floor" "$work/events.ndjson" | python3 -c 'import json,sys
line=sys.stdin.read().split(); d=dict(p.split("=",1) for p in line)
print(json.dumps({k: float(v) for k, v in d.items()}))' >>"$work/floor.jsonl"
done
run_vigil() { # name rules file
  say "vigil bench scan $1 x$runs"
  for _ in $(seq "$runs"); do "$vigil" bench scan --rules "$2" --format json "$3" >>"$work/vigil-$1.jsonl"; done
}
run_vigil eql-subset "$work/eql-rules" "$work/events.ndjson"
run_vigil eql-subset-small "$work/eql-rules" "$work/events-python.ndjson"
run_vigil corpus "$pack" "$work/events.ndjson"
say "python eql over $python_events events (slow: about 10 s per 1,000 events)"
"$python" "$root/scripts/eql_bench.py" run "$work/eql-rules" "$work/events-python.ndjson" "$python_events" \
  >"$work/python.json"

best docs_per_s "$work/floor.jsonl" >"$work/floor.json"
for name in eql-subset eql-subset-small corpus; do best events_per_second "$work/vigil-$name.jsonl" >"$work/vigil-$name.json"; done

# 6. The table.
python3 - "$work" "$events" "$python_events" "$runs" "$seed" "$vigil" "$python" <<'EOF'
import json, os, sys
work, events, python_events, runs, seed, vigil, python = sys.argv[1:]
load = lambda name: json.load(open(os.path.join(work, name)))
select, floor, py = load("select.json"), load("floor.json"), load("python.json")
subset, small, corpus = load("vigil-eql-subset.json"), load("vigil-eql-subset-small.json"), load("vigil-corpus.json")
mb = os.path.getsize(os.path.join(work, "events.ndjson")) / 1e6
print(f"Events: {events} generated with gen_events.py --seed {seed} ({mb:.1f} MB); Python eql on the first {python_events}.")
print(f"EQL rules in the corpus: {select['eql_rules']}: {select['selected']} run by both engines; left out: "
      f"{select['sequence']} sequences, {select['sample']} samples, {select['parse_failed']} Python eql cannot parse, "
      f"{select['engine_failed']} its engine cannot compile.")
print()
rows = [
    ("ndjson_floor (parse only)", "-", int(floor["docs"]), floor["seconds"], floor["docs_per_s"], "-",
     f"ndjson_floor, best of {runs}"),
    ("vigil, EQL subset", subset["rules"], subset["events"], subset["seconds"], subset["events_per_second"],
     f"{subset['alerts']} alerts", f"vigil bench scan, best of {runs}; compile {subset['compile_seconds']:.2f} s"),
    ("vigil, EQL subset (Python's events)", small["rules"], small["events"], small["seconds"],
     small["events_per_second"], f"{small['alerts']} alerts", f"vigil bench scan, best of {runs}"),
    ("python eql, EQL subset", py["rules"], py["events"], py["seconds"], py["events_per_second"],
     f"{py['matches']} matches", "eql_bench.py: parse JSON + convert + evaluate"),
    ("python eql, evaluation only", py["rules"], py["events"], py["eval_seconds"], py["eval_events_per_second"],
     "", "eql_bench.py: PythonEngine.stream_event only"),
    ("vigil, whole pack (all types)", corpus["rules"], corpus["events"], corpus["seconds"],
     corpus["events_per_second"], f"{corpus['alerts']} alerts",
     f"vigil bench scan, best of {runs}; compile {corpus['compile_seconds']:.2f} s"),
]
head = ("engine", "rules", "events", "seconds", "events/s", "output", "figure from")
table = [head] + [(r[0], str(r[1]), str(r[2]), f"{r[3]:.3f}", f"{r[4]:,.0f}", r[5], r[6]) for r in rows]
widths = [max(len(row[i]) for row in table) for i in range(len(head))]
for index, row in enumerate(table):
    cells = [cell.ljust(w) if i in (0, 5, 6) else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
    print("  ".join(cells).rstrip())
    if index == 0:
        print("  ".join("-" * w for w in widths))
print()
ratio = subset["events_per_second"] / py["events_per_second"] if py["events_per_second"] else float("inf")
print(f"vigil / python eql on the same rules: {ratio:,.0f}x events/s (vigil on {subset['events']} events, python on "
      f"{py['events']}); vigil / floor: {subset['events_per_second'] / floor['docs_per_s']:.0%}.")
if py.get("errors"):
    print(f"python eql raised on {py['errors']} events (queries after the failing one missed those events).")
print("Alerts and matches are not comparable one to one: vigil applies max_signals, deduplication and ECS array "
      "semantics; Python eql has no array semantics (see scripts/eql_bench.py).")
print(f"Binaries: {vigil}; {python} (eql {__import__('subprocess').run([python, '-c', 'import eql; print(eql.__version__)'], capture_output=True, text=True).stdout.strip()}).")
EOF
