#!/usr/bin/env python3
"""Changes the index while bench/search/http.sh measures: pushes a new version of one id every `--every-ms`
(each push bumps the search index's generation, so every cached answer is stale) until killed or `--seconds`
pass; prints `CHURN pushed failed seconds` at the end (SIGTERM included)."""
import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "v3"))
from benchpkg import Pusher, nupkg  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url"), parser.add_argument("key")
    parser.add_argument("--id", default="Bench.Churn")
    parser.add_argument("--every-ms", type=float, default=250)
    parser.add_argument("--seconds", type=float, default=3600)
    parser.add_argument("--start", type=int, default=0, help="first version number (1.0.START)")
    args = parser.parse_args()
    pusher = Pusher(args.url, args.key)
    pushed = failed = 0
    started = time.perf_counter()

    def report(*_):
        print(f"CHURN {pushed} {failed} {time.perf_counter() - started:.1f}", flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, report)
    n = args.start
    while time.perf_counter() - started < args.seconds:
        due = time.perf_counter() + args.every_ms / 1000
        status, _ = pusher.push(nupkg(args.id, f"1.0.{n}", description="A package pushed while search is measured.",
                                      tags=("json", "churn")))
        n += 1
        if status == 201:
            pushed += 1
        else:
            failed += 1
        time.sleep(max(0.0, due - time.perf_counter()))
    report()


if __name__ == "__main__":
    main()
