#!/usr/bin/env python3
"""Times web gallery pages on a running Pallet filled with bench/v3's search corpus (see run.sh).

One keep-alive connection, requests one after the other, gzip accepted like a browser: the latency of
one page with no queueing. Prints `SHAPE p50 p99 max bytes` in milliseconds per page shape. With a
password (argv[4], the bench user's), it signs in through the form first and also times the pages a
signed-in owner sees (the bench user owns every id of the corpus)."""
import http.client
import os
import random
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "v3"))
import benchpkg  # noqa: E402


def cookies_of(response):
    return [header.split(";", 1)[0] for name, header in response.getheaders() if name.lower() == "set-cookie"]


def sign_in(connection, user, password):
    """The session cookie header of `user`, signed in through the LogOn form (CSRF cookie and token)."""
    connection.request("GET", "/users/account/LogOn")
    response = connection.getresponse()
    page = response.read().decode()
    jar = dict(c.split("=", 1) for c in cookies_of(response))
    token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"__RequestVerificationToken": token, "ReturnUrl": "/",
                                   "UserNameOrEmail": user, "Password": password})
    connection.request("POST", "/users/account/LogOn", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    response = connection.getresponse()
    response.read()
    jar.update(dict(c.split("=", 1) for c in cookies_of(response)))
    if response.status not in (302, 303) or "pallet_session" not in jar:
        sys.exit(f"sign-in failed: HTTP {response.status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def key_edit_path(connection, cookie):
    """The first key's Edit page linked from /account/apikeys, or None (builds before the page existed)."""
    connection.request("GET", "/account/apikeys", headers={"Cookie": cookie, "Accept": "text/html"})
    response = connection.getresponse()
    match = re.search(r'href="(/account/apikeys/\d+/Edit)"', response.read().decode())
    return match.group(1) if match else None


def main():
    url, ids, iterations = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    password = sys.argv[4] if len(sys.argv) > 4 else None
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
        ("profile-10k-ids", lambda: "/profiles/bench"),
    ]
    cookie = sign_in(connection, "bench", password) if password else None
    signed_in = set()
    if cookie:
        edit = key_edit_path(connection, cookie)
        account_shapes = [
            ("signed-in-home", lambda: "/"),
            ("signed-in-package", package),
            ("account-packages-10k", lambda: "/account/Packages"),
            ("account-packages-p100", lambda: "/account/Packages?page=100"),
            ("account-packages-filter", lambda: "/account/Packages?q=json"),
            ("account-apikeys", lambda: "/account/apikeys"),
            ("account-apikey-edit", lambda: edit or "/account/apikeys/0/Edit"),
        ]
        shapes += account_shapes
        signed_in = {name for name, _ in account_shapes}
    only = set(filter(None, os.environ.get("BENCH_SHAPES", "").split(",")))
    print(f"{'shape':<22}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'KB':>8}")
    for name, path in shapes:
        if only and name not in only:
            continue
        times, size = [], 0
        for n in range(iterations + 10):
            started = time.perf_counter()
            headers = {"Accept-Encoding": "gzip", "Accept": "text/html"}
            if name in signed_in:
                headers["Cookie"] = cookie
            connection.request("GET", path(), headers=headers)
            response = connection.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status == 404 and n == 0:
                break  # a page this build does not have (an older binary beside a newer one)
            if response.status != 200:
                sys.exit(f"{name}: HTTP {response.status}")
            if n >= 10:  # the first requests warm caches (README renders, allocator)
                times.append(elapsed)
                size = len(body)
        if not times:
            print(f"{name:<22}{'n/a':>9}")
            continue
        times.sort()
        p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
        print(f"{name:<22}{p(0.5):>9.2f}{p(0.99):>9.2f}{times[-1]:>9.2f}{size / 1024:>8.1f}")


if __name__ == "__main__":
    main()
