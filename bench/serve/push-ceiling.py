#!/usr/bin/env python3
"""The object store's share of a push, alone: what PostgreSQL + S3 pushes could reach if Pallet and the
database cost nothing.

Issues the object writes of one push of a new version as Pallet does (docs/ARCHITECTURE.md, "Publish"): three
sequential rounds, the requests of a round together (round 1: the nuspec and the catalog leaf; round 2: the
.nupkg; round 3: the flat-container index and, in each of the three registration hives, the index and the new
leaf), on kept-alive connections, one connection per request of a round. Plain HTTP PUTs without signatures
(moto_server does not check them), so the client costs little beside the store. Pushes per second here are a
ceiling for `bench/serve/push.sh`'s PostgreSQL + S3 row against the same store.

Usage: bench/serve/push-ceiling.py [ENDPOINT] [--pushes N] [--size BYTES]
  ENDPOINT: the S3-compatible store (default $PALLET_TEST_S3_ENDPOINT or http://127.0.0.1:5055)
"""
import argparse
import http.client
import os
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

ROUNDS = [  # (what, bytes): one push of a 50 KB package as bench/serve/push.sh sends it
    [("nuspec", 1_500), ("catalog leaf", 2_000)],
    [("nupkg", None)],
    [("flat index", 200)] + [(f"{hive} {what}", size) for hive in ("registration", "registration-gz-semver1",
                                                                   "registration-gz-semver2")
                             for what, size in (("index", 3_000), ("leaf", 1_200))],
]


class Connections:
    """One kept-alive connection per slot of a round, reused by every push."""

    def __init__(self, endpoint, count):
        url = urllib.parse.urlsplit(endpoint)
        self.connections = [http.client.HTTPConnection(url.hostname, url.port or 80, timeout=60) for _ in range(count)]

    def put(self, slot, path, body):
        connection = self.connections[slot]
        connection.request("PUT", path, body=body, headers={"Content-Length": str(len(body))})
        response = connection.getresponse()
        response.read()
        if response.status >= 300:
            raise SystemExit(f"PUT {path}: {response.status} {response.reason}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("endpoint", nargs="?", default=os.environ.get("PALLET_TEST_S3_ENDPOINT", "http://127.0.0.1:5055"))
    parser.add_argument("--pushes", type=int, default=200)
    parser.add_argument("--size", type=int, default=51_200)
    options = parser.parse_args()
    bucket = f"push-ceiling-{uuid.uuid4().hex[:8]}"
    widest = max(len(round_) for round_ in ROUNDS)
    connections = Connections(options.endpoint, widest)
    connections.put(0, f"/{bucket}", b"")
    nupkg = os.urandom(options.size)
    bodies = {size: os.urandom(size) for round_ in ROUNDS for _, size in round_ if size}
    with ThreadPoolExecutor(max_workers=widest) as pool:
        started = time.perf_counter()
        round_seconds = [0.0] * len(ROUNDS)
        for push in range(options.pushes):
            for number, round_ in enumerate(ROUNDS):
                began = time.perf_counter()
                futures = [pool.submit(connections.put, slot, f"/{bucket}/p{push}/{what.replace(' ', '-')}",
                                       nupkg if size is None else bodies[size])
                           for slot, (what, size) in enumerate(round_)]
                for future in futures:
                    future.result()
                round_seconds[number] += time.perf_counter() - began
        elapsed = time.perf_counter() - started
    requests = sum(len(round_) for round_ in ROUNDS)
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"object-store ceiling of a push: {options.pushes} pushes x {requests} PUTs in {len(ROUNDS)} rounds "
          f"against {options.endpoint}; load {load}")
    print(f"pushes/s {options.pushes / elapsed:.1f}  (ms per push {1000 * elapsed / options.pushes:.1f}: rounds "
          + " + ".join(f"{1000 * s / options.pushes:.1f}" for s in round_seconds) + ")")


if __name__ == "__main__":
    main()
