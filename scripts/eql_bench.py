#!/usr/bin/env python3
"""Helper of scripts/compare-engines.sh: the Python `eql` engine (endgame/elastic eql 1.0.1) on Vigil's EQL rules.

  eql_bench.py select RULES_DIR OUT_DIR   choose the rules Python eql can run, copy their files into OUT_DIR
  eql_bench.py run OUT_DIR EVENTS N       run those rules' queries over the first N events, print JSON figures

`select` keeps the detection rules of type "eql" whose query is an event query (not `sequence`, not `sample`),
which eql parses in Elasticsearch syntax and its Python engine compiles; every other EQL rule is counted by why it
was left out. The chosen files are copied as they are (so `vigil` loads the same rules), named after their path.

`run` reads the first N lines of EVENTS, turns each document into an eql Event (type: the first value of
`event.category`; time: `@timestamp` in milliseconds; one-element arrays made single values and longer ones tuples: eql has no array semantics, compares
scalars, and fails on lists), then streams them through one PythonEngine holding every query. An event on which a
query raises is counted in `errors` (the queries after it miss that event). It prints the number of events and matches and two timings:
end to end (JSON parsing, conversion, evaluation) and evaluation alone.
"""

import datetime
import json
import os
import shutil
import sys
import time
import tomllib

import eql
import eql.parser


def parse(query):
    with eql.parser.elasticsearch_syntax, eql.parser.ignore_missing_functions:
        return eql.parse_query(query)


def select(rules_dir, out_dir):
    counts = {"eql_rules": 0, "sequence": 0, "sample": 0, "parse_failed": 0, "engine_failed": 0, "selected": 0}
    failures = []
    os.makedirs(out_dir, exist_ok=True)
    for root, _, names in sorted(os.walk(rules_dir)):
        for name in sorted(names):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                rule = tomllib.load(handle).get("rule", {})
            if rule.get("type") != "eql":
                continue
            counts["eql_rules"] += 1
            query = rule.get("query", "")
            head = query.lstrip().split(None, 1)[0].lower() if query.strip() else ""
            if head in ("sequence", "sample"):
                counts[head] += 1
                continue
            try:
                parsed = parse(query)
            except Exception as error:  # eql raises several error types; any means "cannot parse"
                counts["parse_failed"] += 1
                failures.append((path, "parse", str(error).splitlines()[0] if str(error) else type(error).__name__))
                continue
            try:
                eql.PythonEngine().add_query(parsed)
            except Exception as error:
                counts["engine_failed"] += 1
                failures.append((path, "engine", type(error).__name__))
                continue
            counts["selected"] += 1
            relative = os.path.relpath(path, rules_dir).replace(os.sep, "__")
            shutil.copyfile(path, os.path.join(out_dir, relative))
    with open(os.path.join(out_dir, "..", "eql-skipped.txt"), "w") as handle:
        for path, stage, message in failures:
            handle.write(f"{stage}\t{path}\t{message}\n")
    print(json.dumps(counts))


def scalars(value):
    if isinstance(value, dict):
        return {key: scalars(item) for key, item in value.items()}
    if isinstance(value, list):
        return scalars(value[0]) if len(value) == 1 else tuple(scalars(item) for item in value)
    return value


def to_event(document):
    category = (document.get("event") or {}).get("category")
    if isinstance(category, list):
        category = category[0] if category else None
    return eql.Event(category or "any", timestamp(document.get("@timestamp")), scalars(document))


def timestamp(text):
    """`@timestamp` as milliseconds since the epoch (eql's engine does arithmetic on event times)."""
    if not isinstance(text, str):
        return text or 0
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int(moment.timestamp() * 1000)


def run(rules_dir, events_path, limit):
    queries = []
    for name in sorted(os.listdir(rules_dir)):
        with open(os.path.join(rules_dir, name), "rb") as handle:
            queries.append(parse(tomllib.load(handle)["rule"]["query"]))
    engine = eql.PythonEngine()
    matches = [0]

    def count(_output):
        matches[0] += 1

    engine.add_output_hook(count)
    engine.add_queries(queries)

    started = time.perf_counter()
    events = []
    with open(events_path, "rb") as handle:
        for line in handle:
            if len(events) >= limit:
                break
            if line.strip():
                events.append(to_event(json.loads(line)))
    converted = time.perf_counter()
    errors = 0
    for event in events:
        try:
            engine.stream_event(event)
        except Exception:  # a query eql's engine cannot evaluate on this event's values
            errors += 1
    engine.finalize()
    finished = time.perf_counter()
    total, evaluation = finished - started, finished - converted
    print(json.dumps({
        "rules": len(queries), "events": len(events), "matches": matches[0], "errors": errors,
        "seconds": round(total, 6), "eval_seconds": round(evaluation, 6),
        "events_per_second": round(len(events) / total, 1) if total else 0,
        "eval_events_per_second": round(len(events) / evaluation, 1) if evaluation else 0,
    }))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "select":
        select(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
