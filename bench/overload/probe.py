#!/usr/bin/env python3
"""What one accepted client sees during an overload (bench/overload/run.sh): a fresh search every request on
one keep-alive connection for `seconds`; prints `PROBE <accepted> <refused 503> <p50 ms> <p99 ms>` over the
accepted answers (a 503 comes at once and says when to retry; the question is how long the others wait)."""
import http.client
import random
import sys
import time

WORDS = ["json", "http", "client", "server", "logging", "core", "data", "sql", "cache", "token", "crypto", "xml",
         "parser", "async", "stream", "text", "search", "index", "image", "mail", "rest", "api", "web", "config"]


def main():
    host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    rng = random.Random(11)
    connection = http.client.HTTPConnection(host, port, timeout=120)
    accepted, refused = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        path = f"/v3/query?q={rng.choice(WORDS)}%20{rng.choice(WORDS)}&skip={rng.randrange(2000)}&take=20"
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=120)
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if response.status == 503:
            refused += 1
        elif response.status == 200:
            accepted.append(elapsed)
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=120)
    accepted.sort()
    p = (lambda q: accepted[min(len(accepted) - 1, int(q * len(accepted)))]) if accepted else (lambda q: 0.0)
    print(f"PROBE {len(accepted)} {refused} {p(0.5):.1f} {p(0.99):.1f}")


if __name__ == "__main__":
    main()
