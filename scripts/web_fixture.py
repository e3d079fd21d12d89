"""A real `pallet serve` on a temp data folder, seeded through the admin CLI and pushes, for the browser
tests and the screenshot script. Packages are built here as zip files (nuspec, README, icon, lib/)."""
import io
import json
import sys
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
import zlib
from xml.sax.saxutils import escape

# How long any browser wait or mail wait may take before the check fails (a loaded machine is slow, not broken).
WAIT_SECONDS = 30

README = """# Contoso.Json

Contoso.Json reads and writes **JSON** quickly, with no allocations on the hot path.

## Install

```
dotnet add package Contoso.Json
```

## Usage

```csharp
var order = Json.Parse<Order>(text);
Console.WriteLine(order.Total);
```

| Feature | Contoso.Json | Others |
|---|---|---|
| Source generators | yes | some |
| Streaming | yes | yes |

- [x] .NET 8 and .NET Standard 2.0
- [ ] AOT analyzers

See the [documentation](https://contoso.example/json/docs) for more.
"""

HOSTILE_README = """# Hostile README
<script>window.pwned=1</script>
<img src=x onerror="window.pwned=1">

[click](javascript:window.pwned=1) ![tracker](http://tracker.example/pixel.png)
<iframe src="https://evil.example"></iframe>
"""
HOSTILE = "<script>window.pwned=1</script>\"><img src=x onerror=window.pwned=1>"



def png_icon(size=64):
    """A valid PNG: a blue rounded badge with a lighter diagonal band (no image library needed)."""
    rows = b""
    for y in range(size):
        row = b"\x00"
        for x in range(size):
            corner = min(x, size - 1 - x) + min(y, size - 1 - y) < 10
            band = abs(x - y) < 10
            row += bytes((0, 0, 0, 0)) if corner else bytes((88, 166, 255, 255)) if band else bytes((11, 99, 197, 255))
        rows += row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


ICON_PNG = png_icon()


def nupkg(id, version, description="A package.", authors="Contoso", tags="", readme=None, extra="",
          dependencies=(), icon=False, package_type=None, frameworks=("netstandard2.0",)):
    """The bytes of a .nupkg. `extra` is raw XML inside <metadata>; other fields are escaped here."""
    metadata = [f"<id>{id}</id>", f"<version>{version}</version>", f"<authors>{escape(authors)}</authors>",
                f"<description>{escape(description)}</description>"]
    if tags:
        metadata.append(f"<tags>{escape(tags)}</tags>")
    if readme is not None:
        metadata.append("<readme>README.md</readme>")
    if icon:
        metadata.append("<icon>icon.png</icon>")
    if package_type:
        metadata.append(f'<packageTypes><packageType name="{package_type}" /></packageTypes>')
    if dependencies:
        groups = "".join(
            f'<group targetFramework="{fw}">' + "".join(f'<dependency id="{d}" version="{r}" />' for d, r in deps) + "</group>"
            for fw, deps in dependencies)
        metadata.append(f"<dependencies>{groups}</dependencies>")
    metadata.append(extra)
    nuspec = ('<?xml version="1.0" encoding="utf-8"?>\n'
              '<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata>'
              + "".join(metadata) + "</metadata></package>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{id}.nuspec", nuspec)
        for framework in frameworks:
            archive.writestr(f"lib/{framework}/{id}.dll", b"MZ not really an assembly")
        if readme is not None:
            archive.writestr("README.md", readme)
        if icon:
            archive.writestr("icon.png", ICON_PNG)
    return buffer.getvalue()


def free_port():
    """A free port on 127.0.0.1: any, or one of PALLET_TEST_PORTS ("20300-20399") when set (shared machines)."""
    low, _, high = os.environ.get("PALLET_TEST_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        if port and port in _HANDED_OUT:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            _HANDED_OUT.add(probe.getsockname()[1])
            return probe.getsockname()[1]
    raise RuntimeError("no free port in PALLET_TEST_PORTS")


_HANDED_OUT = set()


class PalletServer:
    """Starts `pallet serve` on a free port, creates users and a key, pushes the seed packages."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.work = tempfile.mkdtemp(prefix="pallet-web-")
        self.data = os.path.join(self.work, "data")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        # bcrypt's cost 12 takes seconds a hash in a debug build; the browser tests do not measure it.
        self.env = dict(os.environ, PALLET_PASSWORD_HASH_COST=os.environ.get("PALLET_PASSWORD_HASH_COST", "4"))
        # A real SMTP server (aiosmtpd) catching the gallery's mail, when installed.
        self.mails, self.smtp = [], None
        try:
            from aiosmtpd.controller import Controller

            class Catch:
                async def handle_DATA(inner, server, session, envelope):
                    self.mails.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
                    return "250 OK"
            smtp_port = free_port()
            self.smtp = Controller(Catch(), hostname="127.0.0.1", port=smtp_port)
            self.smtp.start()
            self.env.update(PALLET_MAIL_HOST="127.0.0.1", PALLET_MAIL_PORT=str(smtp_port), PALLET_MAIL_SECURITY="none",
                            PALLET_MAIL_FROM="pallet@pallet.test")
        except ImportError:
            pass

    def admin(self, *args, input=None):
        out = subprocess.run([self.binary, "admin", *args, "--data", self.data], check=True, capture_output=True, text=True,
                             input=input, env=self.env)
        return out.stdout.strip().splitlines()

    def start(self):
        self.admin("create-user", "alice", "--email", "alice@example.com")
        self.admin("create-user", "bob", "--email", "bob@example.com")
        self.admin("create-user", "root", "--email", "root@example.com", "--admin", "--password-stdin", input="root-password-1\n")
        self.admin("create-org", "Contoso", "--admin", "alice")
        self.admin("add-member", "Contoso", "bob", "--role", "collaborator")
        self.key = self.admin("create-api-key", "--user", "alice")[-1]
        self.org_key = self.admin("create-api-key", "--user", "alice", "--owner", "Contoso")[-1]
        return self.launch()

    def launch(self):
        self.log = open(os.path.join(self.work, "serve.log"), "a")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", str(self.port),
             "--base-url", self.base], stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/health/ready", timeout=2).read()
                return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("pallet serve did not start; see " + self.log.name)

    def push(self, data, key=None):
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"p.nupkg\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(self.base + "/api/v2/package", data=body, method="PUT", headers={
            "X-NuGet-ApiKey": key or self.key, "Content-Type": f"multipart/form-data; boundary={boundary}"})
        urllib.request.urlopen(request, timeout=30).read()

    def unlist(self, id, version):
        request = urllib.request.Request(f"{self.base}/api/v2/package/{id}/{version}", method="DELETE",
                                         headers={"X-NuGet-ApiKey": self.key})
        urllib.request.urlopen(request, timeout=30).read()

    def download(self, id, version, times):
        lower = f"{id.lower()}/{version.lower()}/{id.lower()}.{version.lower()}.nupkg"
        for _ in range(times):
            urllib.request.urlopen(f"{self.base}/v3/flat/{lower}", timeout=10).read()

    def mail_to(self, address, seconds=10):
        """The body of the latest mail to `address` (quoted-printable soft breaks undone), or None."""
        deadline = time.monotonic() + seconds
        while True:
            for recipients, content in reversed(self.mails):
                if address in recipients:
                    return content.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.1)

    def mail_link(self, address, path, seen=(), seconds=WAIT_SECONDS):
        """The newest link to `path` with a token in the mails to `address` that is not in `seen`, waiting for
        such a mail to arrive (bounded: the gallery mails after it answers), or None."""
        pattern = re.compile(r"https?://\S+" + re.escape(path) + r"\?token=[A-Za-z0-9_-]+")
        deadline = time.monotonic() + seconds
        while True:
            bodies = [content.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=")
                      for recipients, content in list(self.mails) if address in recipients]
            links = [link for body in bodies for link in pattern.findall(body) if link not in seen]
            if links or time.monotonic() >= deadline:
                return links[-1] if links else None
            time.sleep(0.1)

    def get(self, path):
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def seed(self):
        # First, so the hostile package is not the most recently updated one on the home page.
        self.push(nupkg("Hostile.Package", "1.0.0", description=HOSTILE, authors="Mallory " + HOSTILE,
                        tags="<b>bold</b> javascript:alert(1)", readme=HOSTILE_README,
                        extra=f"<title>{escape('</title>' + HOSTILE)}</title>"
                              f"<releaseNotes>{escape(HOSTILE)}</releaseNotes><copyright>{escape(HOSTILE)}</copyright>"))
        json_extra = ("<projectUrl>https://contoso.example/json</projectUrl>"
                      '<repository type="git" url="https://github.com/contoso/json" />'
                      '<license type="expression">MIT</license>'
                      "<releaseNotes>Faster parsing of large documents.\nFixed number handling.</releaseNotes>"
                      "<copyright>© Contoso Ltd.</copyright>")
        for version in ["1.0.0", "1.1.0", "2.0.0", "2.1.0-preview.1"]:
            self.push(nupkg("Contoso.Json", version, description="Fast JSON reading and writing for .NET.",
                            tags="json serialization fast contoso", readme=README, extra=json_extra, icon=True,
                            dependencies=[("netstandard2.0", [("Contoso.Core", "[1.0.0, )"), ("System.Memory", "[4.5.5, )")]),
                                          ("net8.0", [])], frameworks=("netstandard2.0", "net8.0")), key=self.org_key)
        self.push(nupkg("Contoso.Core", "1.0.0", description="Shared primitives of the Contoso libraries.",
                        tags="contoso core", extra='<license type="expression">Apache-2.0</license>'), key=self.org_key)
        self.push(nupkg("Contoso.Tool", "0.9.0", description="A command-line tool for Contoso projects.",
                        tags="tool cli", package_type="DotnetTool", frameworks=("net8.0",)))
        for n, name in enumerate(["Fabrikam.Logging", "Fabrikam.Http", "Fabrikam.Data", "Northwind.Orders",
                                  "Northwind.Inventory", "Tailspin.Maps"]):
            self.push(nupkg(name, f"{n + 1}.0.0", description=f"{name.split('.')[1]} helpers for {name.split('.')[0]} applications.",
                            tags=f"{name.split('.')[1].lower()} {name.split('.')[0].lower()}"))
        # Legacy package, later unlisted.
        self.push(nupkg("Contoso.Legacy", "1.0.0", description="The old Contoso API. Use Contoso.Json instead."))
        self.unlist("Contoso.Legacy", "1.0.0")
        self.download("Contoso.Json", "2.0.0", 12)
        self.download("Contoso.Json", "1.1.0", 5)
        self.download("Contoso.Core", "1.0.0", 3)
        return self

    def add_history_and_deprecation(self):
        """What no API can write yet, written into the SQLite database while the server is stopped: 90 days
        of download history for Contoso.Json (the chart) and a deprecation of Fabrikam.Logging 1.0.0."""
        import datetime
        import json
        import sqlite3
        self.process.terminate()
        self.process.wait(timeout=30)
        today = int(datetime.datetime.now(datetime.timezone.utc).timestamp() // 86400)
        db = sqlite3.connect(os.path.join(self.data, "pallet.sqlite"))
        total = 0
        for age in range(1, 90):
            # A growing trend with weekend dips, deterministic.
            count = 40 + (90 - age) * 3 + (age * 37 % 23) - (25 if (today - age) % 7 in (2, 3) else 0)
            version = "2.0.0" if age < 40 else "1.1.0"
            db.execute("INSERT INTO download_days (lower_id, lower_version, day, downloads) VALUES (?, ?, ?, ?)",
                       ("contoso.json", version, today - age, count))
            db.execute("UPDATE package_versions SET downloads = downloads + ? WHERE lower_id = ? AND lower_version = ?",
                       (count, "contoso.json", version))
            total += count
        deprecation = {"reasons": ["Legacy"], "message": "Logging moved to Contoso.Json's diagnostics.",
                       "alternatePackageID": "Contoso.Json", "alternatePackageRange": "*"}
        db.execute("UPDATE package_versions SET deprecation_json = ? WHERE lower_id = 'fabrikam.logging'", (json.dumps(deprecation),))
        db.commit()
        db.close()
        self.history_total = total
        return self.launch()

    def post_form(self, path, fields, cookie_from=None):
        """Posts a form as a browser would: the CSRF cookie and token from a GET of `cookie_from` (default `path`)."""
        import http.cookiejar
        import re
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(self.base + (cookie_from or path), timeout=10).read().decode()
        token = re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode([("__RequestVerificationToken", token), *fields]).encode()
        try:
            with opener.open(urllib.request.Request(self.base + path, data=body, method="POST"), timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def report(self, id, version, reason, email, details):
        """An anonymous "Report abuse" (desk)."""
        return self.post_form(f"/packages/{id}/{version}/ReportAbuse",
                              [("Reason", reason), ("Email", email), ("Details", details), ("ContactedOwner", "on")])

    def wait_for(self, path, text, seconds=20):
        """Polls a page until it contains `text` (download counts appear after the next flush)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.get(path)[1]:
                return True
            time.sleep(0.25)
        return False

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.smtp:
            self.smtp.stop()
        shutil.rmtree(self.work, ignore_errors=True)


class OIDCMockProvider:
    """PyPI's oidc-provider-mock (`python3 -m oidc_provider_mock`) on a free loopback port, with one predefined
    subject (its claims as a dict) that its authorize page offers as a button."""

    def __init__(self, subject):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.log = open(os.path.join(os.environ.get("TMPDIR", "/tmp"), f"oidc-mock-{self.port}.log"), "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(self.port),
             "--require-nonce", "true", "--user-claims", json.dumps(subject)],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.issuer + "/.well-known/openid-configuration", timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("oidc-provider-mock did not start; see " + self.log.name)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


    def pallet_environment(self, name="Mock IdP"):
        """PALLET_OIDC_* for a pallet serve that signs in through this provider (it accepts any client)."""
        return dict(PALLET_OIDC_ISSUER=self.issuer, PALLET_OIDC_CLIENT_ID="pallet-browser-test",
                    PALLET_OIDC_CLIENT_SECRET="browser-test-secret", PALLET_OIDC_NAME=name)


def chrome(width=1280, height=900, dark=False):
    """Debian's headless chromium through chromium-driver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(width, height)
    # The viewport exactly (window sizes include browser chrome); a phone width also gets touch and mobile.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    else:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    return driver


# --- Browser test helpers, shared by scripts/web-browser-tests*.py -------------------------------------------
# Every wait is explicit (an element, a condition), bounded by WAIT_SECONDS; none sleeps for a fixed time.

RESULTS = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    """Counts and prints one check: `PASS name` or `FAIL name detail`."""
    RESULTS["passed" if condition else "failed"] += 1
    print(f"PASS {name}" if condition else f"FAIL {name} {detail}")


def summary():
    """Prints `N passed, M failed`; the exit status (1 when anything failed)."""
    print(f"{RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


def missing_tools(modules=(("selenium", "selenium"), ("axe_selenium_python", "axe-selenium-python"), ("aiosmtpd", "aiosmtpd"))):
    """Why the browser tests cannot run here (chromium, chromedriver, python modules), or []."""
    reasons = []
    if not (shutil.which("chromium") or os.path.exists("/usr/bin/chromium")):
        reasons.append("chromium is not installed (apt-get install chromium)")
    if not (shutil.which("chromedriver") or os.path.exists("/usr/bin/chromedriver")):
        reasons.append("chromedriver is not installed (apt-get install chromium-driver)")
    for module, package in modules:
        try:
            __import__(module)
        except ImportError:
            reasons.append(f"python module {module} is missing (pip install {package})")
    return reasons


def skip_unless_tools(what, modules=None):
    """None when the tools are here; else prints SKIP and returns the exit status (1 when CI requires them)."""
    reasons = missing_tools(modules) if modules else missing_tools()
    if not reasons:
        return None
    print(f"SKIP {what}: " + "; ".join(reasons))
    return 1 if os.environ.get("PALLET_REQUIRE_BROWSER") == "1" else 0


def xpath_literal(text):
    """`text` as an XPath string literal, whichever quotes it contains."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in text.split("'")) + ")"


def wait(driver, condition, what, seconds=WAIT_SECONDS):
    """Waits until `condition(driver)` is truthy and returns it; a page mid-navigation raises all sorts of
    WebDriver errors (stale nodes, a lost execution context), which only mean "not yet"."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds, ignored_exceptions=(WebDriverException,)).until(condition, f"waiting for {what}")


def find(driver, xpath, within=None):
    """The first element matching `xpath` (below `within`'s id), once it is on the page."""
    from selenium.webdriver.common.by import By

    def found(d):
        scope = d.find_element(By.ID, within) if within else d
        elements = scope.find_elements(By.XPATH, xpath)
        return elements[0] if elements else None
    return wait(driver, found, xpath)


def by_label(driver, label):
    """The control a visible label names (`<label for>`), as a test outside the project finds it."""
    from selenium.webdriver.common.by import By
    element = find(driver, f"//label[normalize-space()={xpath_literal(label)}]")
    return driver.find_element(By.ID, element.get_attribute("for"))


def replaced(element):
    """True once the page holding `element` is gone (chromium reports a stale node in more than one way)."""
    try:
        element.is_enabled()
        return False
    except Exception:
        return True


def click_and_wait(driver, xpath, within=None):
    """Clicks the element `xpath` names and waits until the next page has replaced this one and finished
    loading (a click returns before the navigation ends)."""
    from selenium.webdriver.common.by import By
    old = driver.find_element(By.TAG_NAME, "html")
    find(driver, xpath, within).click()
    wait(driver, lambda _: replaced(old), "the next page")
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete", "the page to load")


def submit(driver, button, within=None):
    """Clicks a button (by its text, or its aria-label) and waits for the next page."""
    literal = xpath_literal(button)
    click_and_wait(driver, f".//button[normalize-space()={literal} or @aria-label={literal}]", within)


def signed_in_as(driver):
    """The name in the header's account menu, or None when signed out."""
    from selenium.webdriver.common.by import By
    menu = driver.find_elements(By.CSS_SELECTOR, "details.account-menu summary")
    return menu[0].text if menu else None


def sign_in(driver, server, login, password, path="/users/account/LogOn", fresh=False):
    """Signs in through the form at `path` (a clean browser first when `fresh`)."""
    if fresh:
        driver.delete_all_cookies()
    driver.get(server.base + path)
    by_label(driver, "Username or email").send_keys(login)
    by_label(driver, "Password").send_keys(password)
    submit(driver, "Sign in")


def axe_check(driver, name, server=None, path=None):
    """axe-core on the page at `path` (or the page as it is): no serious or critical violation."""
    from axe_selenium_python import Axe
    if path is not None:
        driver.get(server.base + path)
    axe = Axe(driver)
    axe.inject()
    bad = [v for v in axe.run()["violations"] if v.get("impact") in ("serious", "critical")]
    check(f"axe: {name} has no serious or critical violation", not bad,
          "; ".join(f"{v['id']} ({v['impact']}): {[n.get('target') for n in v.get('nodes', [])][:3]}" for v in bad)[:600])


def status_of(server, path, cookie=None, method="GET"):
    """The HTTP status of `path` (with a session cookie when given), without a browser."""
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(server.base + path, method=method, headers=headers,
                                     data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
