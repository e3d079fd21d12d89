#!/usr/bin/env python3
"""Scale-out scenario with real processes: 3 `pallet serve` nodes on one PostgreSQL + one S3 (moto_server).

Usage: scale-scenario.py PALLET_BINARY
Needs PALLET_TEST_POSTGRES_URL (an admin URL), PALLET_TEST_S3_ENDPOINT and scripts/test-services.sh
(for stopping and starting PostgreSQL). Prints PASS/FAIL per check, the measured figures, and
`N passed, M failed`; exits non-zero on any failure.

Checks (issue 6): the push race over 3 nodes, visibility of writes across nodes (bound measured),
download counts adding up, kill -9 of a node during 50 concurrent pushes (every 201 complete with the
right SHA-512, nothing half visible, orphans swept), PostgreSQL restarted under load (503 + Retry-After
during the outage, full service after without restarting Pallet).
"""
import base64
import concurrent.futures
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PALLET = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/pallet")
ADMIN_URL = os.environ["PALLET_TEST_POSTGRES_URL"]
S3_ENDPOINT = os.environ["PALLET_TEST_S3_ENDPOINT"]
os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")

passed = 0
failed = 0
figures = []


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"PASS {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")
    sys.stdout.flush()


def psql(url, sql):
    out = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()}")
    return out.stdout.strip()


def database_url(name):
    parts = urllib.parse.urlsplit(ADMIN_URL)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def nupkg(package_id, version, padding=0):
    nuspec = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>{package_id}</id><version>{version}</version><authors>scale</authors>
    <description>Scale-out scenario package.</description>
  </metadata>
</package>"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{package_id}.nuspec", nuspec)
        archive.writestr(f"lib/netstandard2.0/{package_id}.dll", b"MZ fake assembly")
        if padding:
            archive.writestr("content/padding.bin", os.urandom(padding))
    return buffer.getvalue()


def request(method, url, body=None, headers=None, timeout=60):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
        return 0, str(error).encode(), {}


def push(node, data, key):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"package.nupkg\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    headers = {"X-NuGet-ApiKey": key, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    return request("PUT", f"{node}/api/v2/package/", body, headers)[0]


def sha512(data):
    return base64.b64encode(hashlib.sha512(data).digest()).decode()


def search_versions(node, package_id):
    status, body, _ = request("GET", f"{node}/v3/query?q=packageid:{package_id}&prerelease=true&semVerLevel=2.0.0")
    if status != 200:
        return []
    data = json.loads(body)["data"]
    return [v["version"] for v in data[0]["versions"]] if data else []


def flat_versions(node, lower_id):
    status, body, _ = request("GET", f"{node}/v3/flat/{lower_id}/index.json")
    return json.loads(body)["versions"] if status == 200 else []


class Installation:
    """One database + one bucket; nodes are `pallet serve` processes on them."""

    def __init__(self):
        self.name = "pallet_scale_" + uuid.uuid4().hex[:8]
        psql(ADMIN_URL, f"CREATE DATABASE {self.name}")
        self.database = database_url(self.name)
        bucket = self.name.replace("_", "-")
        import boto3  # installed with moto[server]
        boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="us-east-1").create_bucket(Bucket=bucket)
        self.bucket = bucket
        self.storage = f"s3://{bucket}/pallet?endpoint={S3_ENDPOINT}&region=us-east-1&path-style=true"
        self.work = tempfile.mkdtemp(prefix="pallet-scale-")
        self.nodes = {}
        self.base_url = None

    def admin(self, *args):
        out = subprocess.run([PALLET, "admin", *args, "--data", os.path.join(self.work, "admin"),
                              "--database", self.database, "--storage", self.storage],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"pallet admin {args[0]} failed: {out.stderr.strip()} {out.stdout.strip()}")
        return out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""

    def start(self, index, port):
        if self.base_url is None:
            self.base_url = f"http://127.0.0.1:{port}"
        log = open(os.path.join(self.work, f"node{index}.log"), "a")
        process = subprocess.Popen(
            [PALLET, "serve", "--port", str(port), "--data", os.path.join(self.work, f"node{index}"),
             "--database", self.database, "--storage", self.storage, "--base-url", self.base_url,
             "--pending-push-timeout", "3"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.nodes[index] = (process, f"http://127.0.0.1:{port}")
        deadline = time.time() + 60
        while time.time() < deadline:
            if request("GET", f"http://127.0.0.1:{port}/health/ready", timeout=2)[0] == 200:
                return f"http://127.0.0.1:{port}"
            if process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"node {index} did not start; log: {os.path.join(self.work, f'node{index}.log')}")

    def kill(self, index, sig=signal.SIGKILL):
        process, _ = self.nodes[index]
        os.killpg(process.pid, sig)
        process.wait()

    def stop_all(self):
        for index in list(self.nodes):
            process, _ = self.nodes[index]
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)

    def url(self, index):
        return self.nodes[index][1]


def wait_until(predicate, timeout):
    start = time.time()
    while time.time() - start < timeout:
        if predicate():
            return time.time() - start
        time.sleep(0.05)
    return None


def free_ports(count):
    import socket
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def main():
    inst = Installation()
    try:
        inst.admin("create-user", "alice", "--email", "alice@scale.test")
        key = inst.admin("create-api-key", "--user", "alice", "--scope", "push", "--scope", "unlist")
        check("admin CLI creates a key on PostgreSQL + S3", key.startswith("pallet_"), key)
        ports = free_ports(3)
        nodes = [inst.start(i, ports[i]) for i in range(3)]
        check("3 nodes start on one PostgreSQL database and one bucket", len(nodes) == 3)

        # 1. The race: 20 pushes of one id+version over 3 nodes.
        data = nupkg("Race.Lib", "1.0.0")
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            statuses = list(pool.map(lambda i: push(nodes[i % 3], data, key), range(20)))
        check("race: exactly one 201", statuses.count(201) == 1, str(statuses))
        check("race: the other 19 are 409", statuses.count(409) == 19, str(statuses))
        figures.append(f"race: {statuses.count(201)}x201, {statuses.count(409)}x409 of 20")

        # 2. Mixed load and visibility: pushes on every node, unlists, reads; each node sees every write.
        packages = {}
        for i in range(30):
            packages[f"{i}.0.0"] = nupkg("Mixed.Lib", f"{i}.0.0")
        delays = []

        def push_and_watch(i):
            version = f"{i}.0.0"
            node = nodes[i % 3]
            status = push(node, packages[version], key)
            pushed = time.time()
            others = [n for n in nodes if n != node]
            seen = [wait_until(lambda n=n: version in flat_versions(n, "mixed.lib"), 10) for n in others]
            # Search lives in each node's memory: it is what the change follower's poll updates.
            searched = [wait_until(lambda n=n: version in search_versions(n, "Mixed.Lib"), 10) for n in others]
            seen += searched
            for _ in range(3):
                request("GET", f"{nodes[(i + 1) % 3]}/v3/registration/mixed.lib/index.json")
            return status, [s if s is None else s for s in seen], pushed

        with concurrent.futures.ThreadPoolExecutor(10) as pool:
            results = list(pool.map(push_and_watch, range(30)))
        check("mixed load: 30 pushes spread over 3 nodes all 201", all(r[0] == 201 for r in results),
              str([r[0] for r in results]))
        delays = [d for r in results for d in r[1]]
        visible = all(d is not None for d in delays)
        check("visibility: every push seen in every other node's flat index", visible)
        if visible and delays:
            figures.append(f"visibility across nodes (flat index and search): max {max(delays):.2f} s, median "
                           f"{sorted(delays)[len(delays)//2]:.2f} s ({len(delays)} observations; bound stated: 3 s)")
            check("visibility: within the stated bound of 3 s", max(delays) <= 3.0, f"max {max(delays):.2f}")
        for version in ["3.0.0", "4.0.0"]:
            status = request("DELETE", f"{nodes[0]}/api/v2/package/Mixed.Lib/{version}", headers={"X-NuGet-ApiKey": key})[0]
            check(f"unlist {version} on node 0", status == 204, str(status))

        def unlisted_everywhere():
            for n in nodes:
                status, body, _ = request("GET", f"{n}/v3/registration/mixed.lib/index.json")
                if status != 200:
                    return False
                items = [leaf for page in json.loads(body)["items"] for leaf in page.get("items", [])]
                listed = {leaf["catalogEntry"]["version"]: leaf["catalogEntry"]["listed"] for leaf in items}
                if listed.get("3.0.0") is not False or listed.get("4.0.0") is not False:
                    return False
            return True
        check("unlists visible in every node's registration within 3 s", wait_until(unlisted_everywhere, 3) is not None)

        def searchable_everywhere():
            for n in nodes:
                status, body, _ = request("GET", f"{n}/v3/query?q=packageid:Mixed.Lib&prerelease=true")
                if status != 200 or json.loads(body)["totalHits"] != 1:
                    return False
            return True
        check("search on every node finds the package", wait_until(searchable_everywhere, 3) is not None)

        # 3. Download counts from all nodes add up (flushed every 5 s).
        for i in range(9):
            request("GET", f"{nodes[i % 3]}/v3/flat/mixed.lib/1.0.0/mixed.lib.1.0.0.nupkg")
        counted = wait_until(lambda: psql(inst.database, "SELECT downloads FROM package_versions "
                                          "WHERE lower_id = 'mixed.lib' AND lower_version = '1.0.0'") == "9", 15)
        check("downloads on 3 nodes add up to 9 in the database", counted is not None,
              psql(inst.database, "SELECT downloads FROM package_versions WHERE lower_id='mixed.lib' AND lower_version='1.0.0'"))

        # 4. kill -9 one node in the middle of 50 concurrent pushes.
        crash_packages = {f"{i}.0.0": nupkg("Crash.Lib", f"{i}.0.0", padding=200_000) for i in range(50)}
        outcomes = {}

        def crash_push(i):
            version = f"{i}.0.0"
            outcomes[version] = push(nodes[1], crash_packages[version], key)

        with concurrent.futures.ThreadPoolExecutor(50) as pool:
            futures = [pool.submit(crash_push, i) for i in range(50)]
            # Kill once some pushes were acknowledged and others are still in flight.
            wait_until(lambda: sum(1 for s in outcomes.values() if s == 201) >= 10, 60)
            inst.kill(1)
            concurrent.futures.wait(futures)
        created = sorted(v for v, s in outcomes.items() if s == 201)
        figures.append(f"crash: node killed during 50 concurrent pushes: {len(created)} got 201, "
                       f"{sum(1 for s in outcomes.values() if s == 0)} lost the connection, "
                       f"{sum(1 for s in outcomes.values() if s not in (0, 201))} other")
        check("crash: the kill happened mid-run (some pushes did not get 201)", len(created) < 50, str(len(created)))
        nodes[1] = inst.start(1, ports[1])
        time.sleep(2)
        ok = True
        for version in created:
            for n in nodes:
                status, body, _ = request("GET", f"{n}/v3/flat/crash.lib/{version}/crash.lib.{version}.nupkg")
                if status != 200 or sha512(body) != sha512(crash_packages[version]):
                    ok = False
                    print(f"  {version} on {n}: {status}")
        check(f"crash: all {len(created)} acknowledged pushes downloadable from every node with the right SHA-512", ok)
        # Nothing half visible: every version in any node's flat index is downloadable and has a registration leaf.
        half = []
        for n in nodes:
            for version in flat_versions(n, "crash.lib"):
                if request("HEAD", f"{n}/v3/flat/crash.lib/{version}/crash.lib.{version}.nupkg")[0] != 200 or \
                        request("GET", f"{n}/v3/registration/crash.lib/{version}.json")[0] != 200:
                    half.append((n, version))
        check("crash: no package is half visible", not half, str(half))
        # Interrupted pushes (pending claims) are swept after the 3 s timeout, blobs included.
        swept = wait_until(lambda: psql(inst.database, "SELECT count(*) FROM package_versions WHERE state = 'pending'") == "0", 90)
        check("crash: pending claims of the killed node are swept", swept is not None)
        import boto3
        s3 = boto3.client("s3", endpoint_url=S3_ENDPOINT, region_name="us-east-1")
        keys = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=inst.bucket, Prefix="pallet/packages/crash.lib/"):
            keys += [o["Key"] for o in page.get("Contents", [])]
        blob_versions = {k.split("/")[3] for k in keys}
        available = set(psql(inst.database, "SELECT lower_version FROM package_versions "
                                            "WHERE lower_id = 'crash.lib' AND state = 'available'").split())
        check("crash: no orphan blobs (every blob belongs to an available version)", blob_versions <= available,
              str(sorted(blob_versions - available)))
        check("crash: every acknowledged push is available", set(created) <= available)

        # 5. PostgreSQL restarted under load: 503 with Retry-After during the outage, service after, no Pallet restart.
        subprocess.run(["bash", os.path.join(ROOT, "scripts/test-services.sh"), "stop-postgres"], check=True,
                       capture_output=True)
        outage = []
        for i in range(6):
            boundary = uuid.uuid4().hex
            data = nupkg("Outage.Lib", f"{i}.0.0")
            body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p.nupkg\"\r\n\r\n").encode() \
                + data + f"\r\n--{boundary}--\r\n".encode()
            status, _, headers = request("PUT", f"{nodes[i % 3]}/api/v2/package/", body,
                                         {"X-NuGet-ApiKey": key, "Content-Type": f"multipart/form-data; boundary={boundary}"},
                                         timeout=30)
            outage.append((status, headers.get("Retry-After")))
        read_status = request("GET", f"{nodes[0]}/v3/flat/mixed.lib/index.json")[0]
        subprocess.run(["bash", os.path.join(ROOT, "scripts/test-services.sh"), "start-postgres"], check=True,
                       capture_output=True)
        check("outage: pushes answer 503 with Retry-After", all(s == 503 and r for s, r in outage), str(outage))
        check("outage: reads of rendered documents keep working", read_status == 200, str(read_status))
        recovered = wait_until(lambda: push(nodes[2], nupkg("Outage.Lib", "9.0.0"), key) in (201, 409), 30)
        check("outage: pushes succeed again after PostgreSQL returns, without restarting Pallet", recovered is not None)
        if recovered is not None:
            figures.append(f"PostgreSQL restart: first successful push {recovered:.1f} s after the database was back")
        statuses = [push(nodes[i], nupkg("After.Lib", f"{i}.0.0"), key) for i in range(3)]
        check("outage: every node pushes again", statuses == [201, 201, 201], str(statuses))
    finally:
        inst.stop_all()
        if failed:
            # What the nodes said about the failures, before their logs go.
            for index in range(3):
                log = os.path.join(inst.work, f"node{index}.log")
                if os.path.exists(log):
                    for line in open(log, errors="replace"):
                        if " error " in line or "warning" in line:
                            print(f"  node{index}: {line.rstrip()[:300]}")
        try:
            psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {inst.name} WITH (FORCE)")
        except Exception as error:  # the scenario's result matters more than the cleanup
            print(f"cleanup: {error}")
        shutil.rmtree(inst.work, ignore_errors=True)
    for figure in figures:
        print(f"FIGURE {figure}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
