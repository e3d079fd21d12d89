#!/usr/bin/env python3
"""PostgreSQL + S3 helpers for bench/scale/run.sh (standard library, psql and boto3).

Subcommands:
  create-store NAME               create database NAME and bucket NAME (underscores as hyphens); prints
                                  `STORE <database-url> <storage-url> <bucket>`
  drop-store NAME                 drop the database (WITH FORCE) and empty and delete the bucket; never fails
  generate DBURL --total N        add generated versions until N generated versions exist (10 per id by default),
                                  copying one pushed row's columns; prints `GENERATE inserted total seconds`
  count DBURL                     prints the number of available versions and of ids
  rss PID                         prints VmRSS of PID in MB
  cpu PID                         prints the user + system CPU seconds PID has used

Environment: PALLET_TEST_POSTGRES_URL (an admin URL, default postgres://pallet:pallet@127.0.0.1:5433/postgres),
PALLET_TEST_S3_ENDPOINT (default http://127.0.0.1:5055), AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (default test/test).

Generated rows look like bench/v3's search corpus: ids `{Org}.{Word}.{Word}.G{i}`, versions 1.0.0, 1.1.0, …
(every third id's newest is `-beta.1`), a 12-word description and 1–3 tags from a ~100-word vocabulary.
They have no nupkg, no rendered documents and no catalog entries: enough for the search index, which
the server loads from the store at start (every available row must decode as a `PackageVersionRecord`,
so `metadata_json` is the template row's JSON with `description` and `tags` replaced; on schema step 12 and later
`feed_texts` is filled from it as the step's backfill does).
"""
import argparse
import os
import subprocess
import sys
import time
import urllib.parse

ADMIN_URL = os.environ.get("PALLET_TEST_POSTGRES_URL", "postgres://pallet:pallet@127.0.0.1:5433/postgres")
S3_ENDPOINT = os.environ.get("PALLET_TEST_S3_ENDPOINT", "http://127.0.0.1:5055")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")

# The same vocabulary as bench/v3/benchpkg.py (imported from it), so the same queries hit both corpora.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "v3"))
from benchpkg import ORGS, WORDS  # noqa: E402


def psql(url, sql):
    out = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}")
    return out.stdout.strip()


def database_url(name):
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def s3():
    import boto3  # installed with moto[server]
    return boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="us-east-1")


def command_create_store(args):
    psql(ADMIN_URL, f"CREATE DATABASE {args.name}")
    bucket = args.name.replace("_", "-")
    s3().create_bucket(Bucket=bucket)
    storage = f"s3://{bucket}/pallet?endpoint={S3_ENDPOINT}&region=us-east-1&path-style=true"
    print(f"STORE {database_url(args.name)} {storage} {bucket}")


def command_drop_store(args):
    try:
        psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {args.name} WITH (FORCE)")
    except Exception as error:  # cleanup: report, never fail
        print(f"drop-store: {error}", file=sys.stderr)
    bucket = args.name.replace("_", "-")
    try:
        client = s3()
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            keys = [{"Key": o["Key"]} for o in page.get("Contents", [])]
            for start in range(0, len(keys), 1000):
                client.delete_objects(Bucket=bucket, Delete={"Objects": keys[start:start + 1000]})
        client.delete_bucket(Bucket=bucket)
    except Exception as error:
        print(f"drop-store: bucket {bucket}: {error}", file=sys.stderr)


def sql_array(words):
    return "ARRAY[" + ", ".join(f"'{w}'" for w in words) + "]"


def command_generate(args):
    """Adds ids G{from}…G{to-1} (args.versions each) so that `total` generated versions exist."""
    have = int(psql(args.db, "SELECT count(*) FROM package_versions WHERE id LIKE '%.G%'") or 0)
    first_id = have // args.versions
    last_id = args.total // args.versions
    if last_id <= first_id:
        print(f"GENERATE 0 {have} 0.0")
        return
    template = psql(args.db, "SELECT lower_id FROM package_versions WHERE state = 'available' "
                             "ORDER BY (lower_id = 'bench.registration') DESC, created LIMIT 1")
    if not template:
        sys.exit("generate: no pushed version to copy (push one first)")
    words, n_words = sql_array([w.lower() for w in WORDS]), len(WORDS)
    # Schema step 12 keeps the V2 texts in feed_texts: filled as a pushed row's would be (the step's own backfill
    # expression), so start-up reads them instead of decoding the metadata. Older schemas have no such column.
    has_texts = psql(args.db, "SELECT count(*) FROM information_schema.columns "
                              "WHERE table_name = 'package_versions' AND column_name = 'feed_texts'") == "1"
    versions = args.versions
    started = time.perf_counter()
    # One statement per table; the id expression is repeated so both agree. Integer hashes keep it deterministic.
    ids = f"""
        SELECT i, format('%s.%s.%s.G%s', (ARRAY{ORGS})[1 + i % {len(ORGS)}],
                         initcap(({words})[1 + (i * 7 + 3) % {n_words}]),
                         initcap(({words})[1 + (i * 13 + 5) % {n_words}]), i) AS pid
        FROM generate_series({first_id}, {last_id - 1}) AS i
    """
    texts_column = ", feed_texts" if has_texts else ""
    texts_value = (""",
           jsonb_strip_nulls(jsonb_build_object('authors', w.m -> 'authors', 'description', w.m -> 'description',
               'summary', w.m -> 'summary', 'tags', w.m -> 'tags', 'title', w.m -> 'title'))::text""" if has_texts else "")
    sql = f"""
    BEGIN;
    INSERT INTO packages (lower_id, id, created)
    SELECT lower(g.pid), g.pid, (EXTRACT(EPOCH FROM now()) * 1000000)::bigint FROM ({ids}) AS g;
    WITH t AS (
        SELECT * FROM package_versions WHERE lower_id = '{template}' AND state = 'available' ORDER BY created LIMIT 1
    ), g AS (
        SELECT g.i, g.pid,
               'A package for ' || array_to_string(ARRAY(
                   SELECT ({words})[1 + ((g.i * 2654435761 + k * 40503) % 1000003) % {n_words}]
                   FROM generate_series(1, 12) AS k), ' ') || '.' AS description,
               to_jsonb(ARRAY(SELECT DISTINCT ({words})[1 + ((g.i * 97 + k * 31) % 1009) % {n_words}]
                              FROM generate_series(1, 1 + g.i % 3) AS k ORDER BY 1)) AS tags
        FROM ({ids}) AS g
    ), v AS (
        SELECT g.*, j,
               (1 + j / 4) || '.' || (j % 4) || '.0'
                 || CASE WHEN g.i % 3 = 0 AND j = {versions - 1} AND {versions} > 1 THEN '-beta.1' ELSE '' END AS ver
        FROM g CROSS JOIN generate_series(0, {versions - 1}) AS j
    )
    INSERT INTO package_versions (
        lower_id, lower_version, id, version, normalized_version, verbatim_version, is_prerelease, is_semver2,
        listed, state, created, published, last_edited, package_size, package_hash, downloads,
        metadata_json, deprecation_json, catalog_leaf_path{texts_column})
    SELECT lower(w.pid), w.ver, w.pid, w.ver, w.ver, w.ver, w.ver LIKE '%-%', w.ver LIKE '%-%.%',
           TRUE, 'available', t.created + w.i * 16 + w.j, t.published + w.i * 16 + w.j, NULL,
           t.package_size, t.package_hash, (w.i * 7919 + w.j) % 10000, w.m::text, NULL, NULL{texts_value}
    FROM (SELECT v.*, jsonb_set(jsonb_set(t.metadata_json::jsonb, '{{description}}', to_jsonb(v.description)),
                                '{{tags}}', v.tags) AS m
          FROM v CROSS JOIN t) AS w CROSS JOIN t;
    COMMIT;
    ANALYZE packages;
    ANALYZE package_versions;
    """
    psql(args.db, sql)
    elapsed = time.perf_counter() - started
    total = int(psql(args.db, "SELECT count(*) FROM package_versions WHERE id LIKE '%.G%'"))
    print(f"GENERATE {total - have} {total} {elapsed:.1f}")


def command_count(args):
    print(psql(args.db, "SELECT count(*) || ' ' || count(DISTINCT lower_id) FROM package_versions WHERE state = 'available'"))


def command_rss(args):
    with open(f"/proc/{args.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                print(f"{int(line.split()[1]) / 1024:.1f}")
                return
    print("0")


def command_cpu(args):
    # Fields 14 and 15 of /proc/PID/stat (after the parenthesized name): utime and stime in clock ticks.
    with open(f"/proc/{args.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    print(f"{(int(fields[11]) + int(fields[12])) / ticks:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create-store")
    create.add_argument("name")
    create.set_defaults(run=command_create_store)
    drop = sub.add_parser("drop-store")
    drop.add_argument("name")
    drop.set_defaults(run=command_drop_store)
    generate = sub.add_parser("generate")
    generate.add_argument("db")
    generate.add_argument("--total", type=int, required=True, help="generated versions wanted in all")
    generate.add_argument("--versions", type=int, default=10, help="versions per generated id")
    generate.set_defaults(run=command_generate)
    count = sub.add_parser("count")
    count.add_argument("db")
    count.set_defaults(run=command_count)
    rss = sub.add_parser("rss")
    rss.add_argument("pid")
    rss.set_defaults(run=command_rss)
    cpu = sub.add_parser("cpu")
    cpu.add_argument("pid")
    cpu.set_defaults(run=command_cpu)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
