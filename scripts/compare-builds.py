#!/usr/bin/env python3
"""Compare vigil builds on the same events, in turns.

On a shared machine the speed of one run moves by 10-20% within minutes, so a change of a few percent shows only
when the builds run in turns, round after round, and their medians are compared. Each round runs every build once
per thread count (`vigil bench scan --format json`), and, when it is found, ndjson_floor once, so that each round's
share of the floor is known. The builds' order turns from round to round (A B, then B A, ...): on the development
machine the first build of a round ran up to 8% faster than the second, in either order. The summary gives per build and thread count the median events/s, the median CPU
seconds (user + system, compile included), peak RSS and alerts, and per build the ratio of two threads to one,
round by round. Builds that give different alert counts are reported: they are not the same engine.

Examples:
  scripts/compare-builds.py /tmp/events.ndjson /tmp/vigil-before .build/release/vigil
  scripts/compare-builds.py --rounds 4 --threads 1 --reorder-window 0s events.ndjson A B
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RULES = os.path.join(HERE, "..", "..", "shared", "corpus", "detection-rules")
DEFAULT_FLOOR = os.path.join(HERE, "..", "..", "shared", "tools", "ndjson_floor")


def run_scan(binary, threads, args):
    """One `vigil bench scan`: its JSON figures and the CPU seconds it used."""
    command = [binary, "bench", "scan", "--format", "json", "--threads", str(threads), "--rules", args.rules]
    if args.reorder_window:
        command += ["--reorder-window", args.reorder_window]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command + [args.events], capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{binary} failed (exit {done.returncode}):\n{done.stderr.strip()}")
    figures = json.loads(done.stdout)
    figures["cpu_seconds"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return figures


def run_floor(floor, events):
    """ndjson_floor's docs/s on the events, or None when it cannot run."""
    try:
        done = subprocess.run([floor, events], capture_output=True, text=True)
    except OSError:
        return None
    for field in done.stdout.split():
        if field.startswith("docs_per_s="):
            return float(field.split("=", 1)[1])
    return None


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("events", help="the NDJSON file every build scans")
    parser.add_argument("builds", nargs="+", help="vigil binaries to compare (two or more)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every build in turns (default 3)")
    parser.add_argument("--threads", default="1 2", help='thread counts, space-separated (default "1 2")')
    parser.add_argument("--rules", default=DEFAULT_RULES, help="rule folder (default: the shared corpus)")
    parser.add_argument("--reorder-window", help="passed to vigil bench scan (default: its own, one minute)")
    parser.add_argument("--floor", default=DEFAULT_FLOOR, help="ndjson_floor binary (skipped when absent)")
    args = parser.parse_args()
    if len(args.builds) < 2:
        parser.error("give at least two builds to compare")
    for path in [args.events, args.rules] + args.builds:
        if not os.path.exists(path):
            parser.error(f"not found: {path}")
    threads = [int(count) for count in args.threads.split()]

    results = {(build, count): [] for build in args.builds for count in threads}
    floors = []
    for round_number in range(1, args.rounds + 1):
        floor = run_floor(args.floor, args.events) if os.path.exists(args.floor) else None
        floors.append(floor)
        print(f"round {round_number}" + (f": ndjson_floor {floor:,.0f} docs/s" if floor else ""), flush=True)
        # Each build leads in turn: the first run of a round has an edge that the medians would otherwise credit to it.
        shift = (round_number - 1) % len(args.builds)
        order = args.builds[shift:] + args.builds[:shift]
        for count in threads:
            for build in order:
                figures = run_scan(build, count, args)
                results[(build, count)].append(figures)
                share = f" ({100 * figures['events_per_second'] / floor:.1f}% of the floor)" if floor else ""
                print(f"  {build} --threads {count}: {figures['events_per_second']:,.0f} events/s{share}, "
                      f"{figures['cpu_seconds']:.2f} s CPU, {figures['peak_rss_bytes'] / 1e6:.1f} MB, "
                      f"{figures['alerts']} alerts", flush=True)

    print("\nmedians")
    for count in threads:
        for build in args.builds:
            runs = results[(build, count)]
            print(f"  {build} --threads {count}: "
                  f"{statistics.median(r['events_per_second'] for r in runs):,.0f} events/s, "
                  f"{statistics.median(r['cpu_seconds'] for r in runs):.2f} s CPU, "
                  f"{max(r['peak_rss_bytes'] for r in runs) / 1e6:.1f} MB peak")
    if 1 in threads and 2 in threads:
        print("two threads / one thread, round by round")
        for build in args.builds:
            ratios = [two["events_per_second"] / one["events_per_second"]
                      for one, two in zip(results[(build, 1)], results[(build, 2)])]
            print(f"  {build}: " + ", ".join(f"{ratio:.2f}x" for ratio in ratios))
    alert_counts = {r["alerts"] for runs in results.values() for r in runs}
    if len(alert_counts) > 1:
        print(f"\nwarning: the builds gave different alert counts: {sorted(alert_counts)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
