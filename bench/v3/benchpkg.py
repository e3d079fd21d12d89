#!/usr/bin/env python3
"""Package generator and push client for bench/v3/run.sh (standard library only).

Subcommands:
  free-port                       print a free TCP port on 127.0.0.1
  push URL KEY --id ID ...        push versions of one or more ids sequentially over one keep-alive connection
  fill URL KEY --ids N ...        push the search corpus with several workers until done or out of time
  clone DB --ids N ...            insert the corpus versions `fill` did not reach straight into the SQLite store
  queries --ids N                 print search query strings that hit the corpus

The search corpus is deterministic: id i has the same id, description, tags and versions in `fill`
and `clone`, so a run that mixes both looks like one made by pushes only.
"""
import argparse
import http.client
import io
import json
import multiprocessing
import os
import random
import socket
import sqlite3
import sys
import time
import urllib.parse
import zipfile

# Words for ids, descriptions and tags: common enough that queries match many packages.
ORGS = ["Acme", "Contoso", "Fabrikam", "Northwind", "Tailspin", "Wingtip", "Litware", "Adatum", "Proseware", "Woodgrove",
        "Lucerne", "Humongous", "Margie", "Relecloud", "Alpine", "Coho", "Trey", "Fourth", "Wide", "Blue"]
WORDS = ["Json", "Http", "Client", "Server", "Logging", "Core", "Data", "Sql", "Cache", "Redis", "Queue", "Azure",
         "Aws", "Storage", "Blob", "Identity", "Auth", "Token", "Crypto", "Xml", "Yaml", "Csv", "Parser", "Serializer",
         "Mapper", "Validation", "Testing", "Mock", "Fixture", "Async", "Reactive", "Stream", "Buffer", "Pool", "Text",
         "Regex", "Search", "Index", "Graph", "Tree", "Image", "Pdf", "Mail", "Smtp", "Grpc", "Rest", "Api", "Web",
         "Mvc", "Razor", "Blazor", "Console", "Cli", "Config", "Options", "Hosting", "Metrics", "Tracing", "Health",
         "Retry", "Polly", "Scheduler", "Jobs", "Workflow", "Events", "Messaging", "Bus", "Kafka", "Rabbit", "Mqtt",
         "Socket", "Tcp", "Udp", "Dns", "Ldap", "Oauth", "Saml", "Jwt", "Hash", "Compression", "Zip", "Tar", "Gzip",
         "Brotli", "Math", "Numerics", "Geometry", "Units", "Money", "Time", "Calendar", "Locale", "Resources"]


def corpus_id(i):
    rnd = random.Random(i)
    return f"{ORGS[i % len(ORGS)]}.{rnd.choice(WORDS)}.{rnd.choice(WORDS)}.P{i}"


def corpus_versions(i, count):
    """`count` versions, oldest first; every third id's newest version is a prerelease."""
    versions = [f"{1 + j // 4}.{j % 4}.0" for j in range(count)]
    if i % 3 == 0 and count > 1:
        versions[-1] = versions[-1] + "-beta.1"
    return versions


def corpus_text(i):
    rnd = random.Random(i * 7919)
    description = "A package for " + " ".join(rnd.choice(WORDS).lower() for _ in range(12)) + "."
    tags = sorted({rnd.choice(WORDS).lower() for _ in range(3)})
    return description, tags


def nupkg(package_id, version, padding=0, description="A benchmark package.", tags=()):
    """A minimal valid nupkg (nuspec + one lib file), padded with incompressible bytes to the wanted size."""
    nuspec = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>{package_id}</id>
    <version>{version}</version>
    <authors>Pallet Bench</authors>
    <description>{description}</description>
    <tags>{' '.join(tags)}</tags>
    <license type="expression">MIT</license>
  </metadata>
</package>
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{package_id}.nuspec", nuspec, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(f"lib/netstandard2.0/{package_id}.dll", b"MZ benchmark assembly", compress_type=zipfile.ZIP_DEFLATED)
        if padding > 0:
            archive.writestr("content/padding.bin", os.urandom(padding), compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def padded_nupkg(package_id, version, size, **text):
    """A nupkg of about `size` bytes in total."""
    bare = len(nupkg(package_id, version, **text))
    return nupkg(package_id, version, padding=max(0, size - bare - 120), **text)


class Pusher:
    """`PUT /api/v2/package` as multipart over one keep-alive connection (reconnects after an error)."""

    BOUNDARY = "----palletbench7f3a"

    def __init__(self, url, key):
        parsed = urllib.parse.urlsplit(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.key = key
        self.connection = None

    def push(self, data):
        head = (f"--{self.BOUNDARY}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"package.nupkg\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        body = head + data + f"\r\n--{self.BOUNDARY}--\r\n".encode()
        headers = {"X-NuGet-ApiKey": self.key, "Content-Type": f"multipart/form-data; boundary={self.BOUNDARY}"}
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.connection.request("PUT", "/api/v2/package", body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read()
                return response.status, text
            except (http.client.HTTPException, OSError):
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


def command_free_port(_):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def command_push(args):
    """Pushes `--versions` versions of each id; prints one `PUSH count seconds rate failures` line."""
    pusher = Pusher(args.url, args.key)
    ids = [args.id] if args.ids == 1 else [f"{args.id}.{n}" for n in range(args.ids)]
    packages = [(package_id, f"1.{v}.0") for v in range(args.versions) for package_id in ids]
    blobs = [padded_nupkg(i, v, args.size) for i, v in packages]  # built before the clock starts
    failures = 0
    started = time.perf_counter()
    for data in blobs:
        status, text = pusher.push(data)
        if status != 201:
            failures += 1
            if failures <= 3:
                print(f"push failed: HTTP {status} {text[:200]!r}", file=sys.stderr)
    elapsed = time.perf_counter() - started
    print(f"PUSH {len(blobs)} {elapsed:.3f} {len(blobs) / elapsed:.1f} {failures} {len(blobs[0])}")


def fill_worker(args, worker, deadline, results):
    pusher = Pusher(args.url, args.key)
    pushed = failed = 0
    for i in range(worker, args.ids, args.workers):
        description, tags = corpus_text(i)
        for version in corpus_versions(i, args.versions):
            if time.time() > deadline:
                results.put((pushed, failed))
                return
            status, text = pusher.push(nupkg(corpus_id(i), version, description=description, tags=tags))
            if status == 201:
                pushed += 1
            else:
                failed += 1
                if failed <= 3:
                    print(f"fill push failed: HTTP {status} {text[:200]!r}", file=sys.stderr)
    results.put((pushed, failed))


def command_fill(args):
    """Pushes the corpus with `--workers` processes; prints `FILL pushed failed seconds rate`."""
    deadline = time.time() + args.seconds
    results = multiprocessing.Queue()
    started = time.perf_counter()
    workers = [multiprocessing.Process(target=fill_worker, args=(args, w, deadline, results)) for w in range(args.workers)]
    for worker in workers:
        worker.start()
    totals = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    pushed, failed = sum(t[0] for t in totals), sum(t[1] for t in totals)
    print(f"FILL {pushed} {failed} {elapsed:.1f} {pushed / elapsed:.1f}")


def command_clone(args):
    """Inserts missing corpus versions into a stopped server's database, copying a pushed row's columns.

    Only rows are written (no nupkg files, no rendered documents, no catalog entries): enough for
    search, which the server loads from the store at start. Prints `CLONE inserted seconds`.
    """
    started = time.perf_counter()
    db = sqlite3.connect(args.db)
    db.row_factory = sqlite3.Row
    template = db.execute(
        "SELECT * FROM package_versions WHERE state = 'available' AND lower_id LIKE ? LIMIT 1", (f"%.p0",)
    ).fetchone() or db.execute("SELECT * FROM package_versions WHERE state = 'available' LIMIT 1").fetchone()
    if template is None:
        sys.exit("clone: no pushed version to copy")
    owner = db.execute("SELECT user_key FROM package_owners WHERE lower_id = ?", (template["lower_id"],)).fetchone()[0]
    existing = {(r[0], r[1]) for r in db.execute("SELECT lower_id, lower_version FROM package_versions")}
    known_ids = {r[0] for r in db.execute("SELECT lower_id FROM packages")}
    base_metadata = json.loads(template["metadata_json"])
    columns = template.keys()
    now = int(time.time() * 1_000_000)
    inserted = 0
    for i in range(args.ids):
        package_id = corpus_id(i)
        lower_id = package_id.lower()
        description, tags = corpus_text(i)
        metadata = dict(base_metadata, description=description, tags=tags)
        metadata_json = json.dumps(metadata, sort_keys=True, separators=(",", ":"))
        for version in corpus_versions(i, args.versions):
            if (lower_id, version.lower()) in existing:
                continue
            if lower_id not in known_ids:
                db.execute("INSERT INTO packages (lower_id, id, created) VALUES (?, ?, ?)", (lower_id, package_id, now))
                db.execute("INSERT OR IGNORE INTO package_owners (lower_id, user_key) VALUES (?, ?)", (lower_id, owner))
                known_ids.add(lower_id)
            row = dict(template)
            row.update(lower_id=lower_id, id=package_id, lower_version=version.lower(), version=version,
                       normalized_version=version, verbatim_version=version, is_prerelease="-" in version,
                       is_semver2="." in version.partition("-")[2], listed=True, created=now + inserted,
                       published=now + inserted, last_edited=None, downloads=random.Random(i).randint(0, 10_000),
                       metadata_json=metadata_json, catalog_leaf_path=None)
            db.execute(f"INSERT INTO package_versions ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                       [row[c] for c in columns])
            inserted += 1
    db.commit()
    db.close()
    print(f"CLONE {inserted} {time.perf_counter() - started:.1f}")


def command_queries(args):
    """Search query strings (URL-encoded, without `take`) with their names, one `name<TAB>query` a line."""
    exact = corpus_id(min(4321, args.ids - 1))
    shapes = [
        ("one-term", "q=json"),
        ("two-terms", "q=http%20client"),
        ("exact-id", "q=packageid:" + urllib.parse.quote(exact)),
        ("empty", "q="),
        ("prerelease", "q=azure%20storage&prerelease=true&semVerLevel=2.0.0"),
    ]
    for name, query in shapes:
        print(f"{name}\t{query}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("free-port").set_defaults(run=command_free_port)
    push = sub.add_parser("push")
    push.add_argument("url"), push.add_argument("key")
    push.add_argument("--id", required=True, help="the id, or the id prefix when --ids > 1")
    push.add_argument("--ids", type=int, default=1)
    push.add_argument("--versions", type=int, default=1)
    push.add_argument("--size", type=int, default=51200, help="bytes per nupkg")
    push.set_defaults(run=command_push)
    fill = sub.add_parser("fill")
    fill.add_argument("url"), fill.add_argument("key")
    fill.add_argument("--ids", type=int, default=10000)
    fill.add_argument("--versions", type=int, default=10)
    fill.add_argument("--workers", type=int, default=4)
    fill.add_argument("--seconds", type=float, default=240)
    fill.set_defaults(run=command_fill)
    clone = sub.add_parser("clone")
    clone.add_argument("db")
    clone.add_argument("--ids", type=int, default=10000)
    clone.add_argument("--versions", type=int, default=10)
    clone.set_defaults(run=command_clone)
    queries = sub.add_parser("queries")
    queries.add_argument("--ids", type=int, default=10000)
    queries.set_defaults(run=command_queries)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
