#!/usr/bin/env python3
"""Times web gallery pages on a running Pallet filled with bench/v3's search corpus (see run.sh).

One keep-alive connection, requests one after the other, gzip accepted like a browser: the latency of
one page with no queueing. Prints `SHAPE p50 p99 max bytes` in milliseconds per page shape."""
import http.client
import os
import random
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "v3"))
import benchpkg  # noqa: E402


def main():
    url, ids, iterations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    rng = random.Random(7)

    def package():
        return "/packages/" + benchpkg.corpus_id(rng.randrange(ids))

    def version():
        i = rng.randrange(ids)
        return f"/packages/{benchpkg.corpus_id(i)}/{benchpkg.corpus_versions(i, 10)[0]}"

    shapes = [
        ("package", package),
        ("package-version", version),
        ("search-one-term", lambda: "/packages?q=json"),
        ("search-two-terms-p3", lambda: "/packages?q=http%20client&page=3"),
        ("browse-page-50", lambda: "/packages?page=50"),
        ("search-sort-recent", lambda: "/packages?q=json&sortby=created-desc"),
        ("home", lambda: "/"),
        ("stats", lambda: "/stats"),
    ]
    print(f"{'shape':<22}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'KB':>8}")
    for name, path in shapes:
        times, size = [], 0
        for n in range(iterations + 10):
            started = time.perf_counter()
            connection.request("GET", path(), headers={"Accept-Encoding": "gzip", "Accept": "text/html"})
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                sys.exit(f"{name}: HTTP {response.status}")
            if n >= 10:  # the first requests warm caches (README renders, allocator)
                times.append(elapsed)
                size = len(body)
        times.sort()
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
        print(f"{name:<22}{p(0.5):>9.2f}{p(0.99):>9.2f}{times[-1]:>9.2f}{size / 1024:>8.1f}")


if __name__ == "__main__":
    main()
