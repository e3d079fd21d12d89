#!/usr/bin/env python3
"""Browser tests of the desk (issue 16): report abuse, contact owners, policies and the site admins' /admin,
in Debian's headless chromium (Selenium) against a real `pallet serve` (scripts/web_fixture.py) whose mail goes
to a real aiosmtpd.

An anonymous report reaches the queue and the operators' mailbox; the admin deletes the version; the owners
receive the mail with the reason; the package page, the flat container (404), search and the catalog
(PackageDelete) agree; a non-admin gets 403 everywhere under /admin; a locked package refuses a push with a
message saying so; Contact owners never reveals an owner's address. axe-core on every new page, light and dark;
no horizontal scrolling on a phone.

Usage: python3 scripts/web-browser-tests-desk.py .build/debug/pallet      prints `N passed, M failed`.
Skips (exit 0, with the reason) when chromium, chromedriver, selenium or aiosmtpd is missing, unless
PALLET_REQUIRE_BROWSER=1 (CI sets it: there they must run)."""
import json
import os
import re
import sys
import traceback
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_fixture as fixture  # noqa: E402
from web_fixture import by_label, check, submit  # noqa: E402

ADMIN_PATHS = ["/admin", "/admin/SupportRequests", "/admin/Delete", "/admin/Listing", "/admin/Reservations",
               "/admin/Accounts?q=a", "/admin/Audit", "/admin/Audit?format=csv", "/admin/Anything"]
REASON = "Contains malware, adware, or any kind of spyware"


def choose(driver, label, text):
    from selenium.webdriver.support.ui import Select
    Select(by_label(driver, label)).select_by_visible_text(text)


def sign_in(driver, server, name, password):
    fixture.sign_in(driver, server, name, password, fresh=True)


def status_with_cookie(server, path, cookie, method="GET"):
    return fixture.status_of(server, path, cookie, method)


def axe_check(driver, server, name, path):
    fixture.axe_check(driver, name, server, path)


def report_reaches_queue(driver, server):
    """An anonymous visitor reports Evil.Package 1.0.0 from its page; the queue and the operators' mailbox get it."""
    from selenium.webdriver.common.by import By
    driver.delete_all_cookies()
    driver.get(server.base + "/packages/Evil.Package/1.0.0")
    fixture.click_and_wait(driver, "//a[normalize-space()='Report package']")
    check("report: the package page links to the form", driver.current_url.endswith("/packages/Evil.Package/1.0.0/ReportAbuse"),
          driver.current_url)
    for label in ["Reason", "Email", "Details", "I have already tried to contact the owner", "Send me a copy"]:
        check(f"report: a control labelled '{label}'", by_label(driver, label) is not None)
    choose(driver, "Reason", REASON)
    by_label(driver, "Email").send_keys("reporter@example.com")
    by_label(driver, "Details").send_keys("The install script downloads and runs a coin miner.")
    by_label(driver, "I have already tried to contact the owner").click()
    submit(driver, "Report")
    check("report: the visitor is told it was sent", "Your report was sent to the operators" in driver.page_source)
    mail = server.mail_to("root@example.com")
    check("report: the operators' mailbox (the site admin) receives it, reply-to the reporter",
          mail is not None and "coin miner" in mail and "Reply-To: reporter@example.com" in mail, (mail or "")[:300])
    copy = server.mail_to("reporter@example.com")
    check("report: the reporter gets the copy they asked for", copy is not None and "coin miner" in copy)


def admin_deletes(driver, server):
    """root finds the report in the queue and deletes the version with the Delete tool."""
    from selenium.webdriver.common.by import By
    sign_in(driver, server, "root", "root-password-1")
    driver.get(server.base + "/admin")
    links = [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".desk-tools a")]
    check("admin: /admin links to each tool", links == ["Support requests", "Delete packages", "Listing in bulk",
                                                        "ID prefix reservations", "Accounts", "Audit log"], str(links))
    driver.get(server.base + "/admin/SupportRequests")
    check("queue: the anonymous report is there with its reporter and reason",
          "Evil.Package 1.0.0" in driver.page_source and "reporter@example.com" in driver.page_source
          and REASON in driver.page_source)
    check("queue: the package's owners are one click away", len(driver.find_elements(By.CSS_SELECTOR, "a[href='/profiles/alice']")) >= 1)
    driver.get(server.base + "/admin/Delete")
    by_label(driver, "Package ID").send_keys("Evil.Package")
    submit(driver, "Find")
    by_label(driver, "1.0.0").click()
    choose(driver, "Reason", REASON)
    by_label(driver, "Signature").send_keys("Root, the operator")
    submit(driver, "Delete")
    check("delete: the tool says it is done", "Deleted Evil.Package 1.0.0" in driver.page_source, driver.page_source[:200])
    mail = server.mail_to("alice@example.com")
    check("delete: the owner receives the mail with the reason and the signature",
          mail is not None and REASON in mail and "Root, the operator" in mail, (mail or "")[:300])


def read_paths_agree(driver, server):
    """The package page, the flat container, search and the catalog all say 1.0.0 is gone."""
    driver.get(server.base + "/packages/Evil.Package/1.0.0")
    check("package page: says the version was deleted for a policy violation",
          "Evil.Package 1.0.0 was deleted by the site administrators for a policy violation." in driver.page_source)
    status, _ = server.get("/v3/flat/evil.package/1.0.0/evil.package.1.0.0.nupkg")
    check("flat container: the .nupkg is 404", status == 404, str(status))
    status, body = server.get("/v3/flat/evil.package/index.json")
    check("flat container: index.json lists 2.0.0 only", status == 200 and json.loads(body)["versions"] == ["2.0.0"], body[:200])
    index = json.loads(server.get("/v3/index.json")[1])
    resources = {r["@type"]: r["@id"] for r in index["resources"]}
    search = next(v for k, v in resources.items() if k.startswith("SearchQueryService"))
    found = json.loads(urllib.request.urlopen(search + "?q=packageid:Evil.Package&prerelease=true", timeout=10).read())
    versions = [v["version"] for p in found["data"] for v in p["versions"]]
    check("search: only 2.0.0 is found", versions == ["2.0.0"], str(versions))
    catalog = json.loads(urllib.request.urlopen(resources["Catalog/3.0.0"], timeout=10).read())
    leaves = []
    for page in catalog["items"]:
        leaves += json.loads(urllib.request.urlopen(page["@id"], timeout=10).read())["items"]
    deletes = [leaf for leaf in leaves if leaf["@type"] == "nuget:PackageDelete"
               and leaf["nuget:id"] == "Evil.Package" and leaf["nuget:version"] == "1.0.0"]
    check("catalog: a PackageDelete entry for Evil.Package 1.0.0", len(deletes) == 1, str(len(deletes)))


def lock_refuses_push(driver, server):
    driver.get(server.base + "/admin")
    by_label(driver, "Package ID").send_keys("Locked.Package")
    submit(driver, "Lock")
    check("lock: /admin says the package is locked", "Locked.Package is locked." in driver.page_source)
    try:
        server.push(fixture.nupkg("Locked.Package", "2.0.0"))
        check("lock: a push is refused", False, "the push was accepted")
    except urllib.error.HTTPError as error:
        check("lock: a push gets a 4xx whose message says the package is locked",
              400 <= error.code < 500 and "locked" in (error.reason or "").lower(), f"{error.code} {error.reason}")
    driver.get(server.base + "/packages/Locked.Package")
    check("lock: the package page says it is locked", "This package is locked by the site administrators." in driver.page_source)


def non_admin_forbidden(driver, server):
    """erin registers, confirms by mail; every /admin path answers 403 to her and to anonymous visitors."""
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/Register")
    by_label(driver, "Username").send_keys("erin")
    by_label(driver, "Email").send_keys("erin@example.com")
    by_label(driver, "Password").send_keys("erin-password-1")
    submit(driver, "Register")
    mail = server.mail_to("erin@example.com")
    link = re.search(r"/account/Confirm\?token=[A-Za-z0-9_\-]+", mail or "")
    if link:
        driver.get(server.base + link.group(0))
    check("erin confirms her email", link is not None and "Your email address is confirmed" in driver.page_source)
    cookie = driver.get_cookie("pallet_session")
    session = f"pallet_session={cookie['value']}" if cookie else ""
    for path in ADMIN_PATHS:
        check(f"403 for a signed-in non-admin: {path}", status_with_cookie(server, path, session) == 403)
        check(f"403 for an anonymous visitor: {path}", status_with_cookie(server, path, None) == 403)
    check("403 for a non-admin's POST", status_with_cookie(server, "/admin/Delete", session, method="POST") == 403)
    driver.get(server.base + "/admin")
    check("the 403 page says it is for site administrators", "Site administrators only" in driver.page_source)


def contact_owners(driver, server):
    """erin (signed in, confirmed) writes to the owners of Evil.Package: alice's address never shows."""
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/packages/Evil.Package")
    fixture.click_and_wait(driver, "//a[normalize-space()='Contact owners']")
    check("contact: the page says the sender's address is disclosed", "erin@example.com" in driver.page_source
          and "disclosed" in driver.page_source)
    check("contact: the owner's address is not on the page", "alice@example.com" not in driver.page_source)
    by_label(driver, "Message").send_keys("Why does 2.0.0 need network access?")
    by_label(driver, "Send me a copy").is_selected() or by_label(driver, "Send me a copy").click()
    before = len(server.mails)
    submit(driver, "Send")
    check("contact: sent", "Your message was sent" in driver.page_source and "alice@example.com" not in driver.page_source)
    mail = server.mail_to("alice@example.com")
    check("contact: the owner receives it, reply-to the sender", mail is not None and "network access" in mail
          and "Reply-To: erin@example.com" in mail, (mail or "")[:300])
    copy = server.mail_to("erin@example.com")
    check("contact: the sender's copy never names the owner's address", copy is not None and "network access" in copy
          and "alice@example.com" not in copy)
    leaked = [content for recipients, content in server.mails[before:] if "erin@example.com" in recipients
              and "alice@example.com" in content]
    check("contact: no mail to the sender carries the owner's address", not leaked)


def accessibility(server):
    """axe on every new page (signed in as root where needed), light and dark; no horizontal scroll on a phone."""
    pages = {"report": "/packages/Evil.Package/2.0.0/ReportAbuse", "terms": "/policies/Terms", "contact": "/policies/Contact",
             "privacy": "/policies/Privacy"}
    admin_pages = {"admin": "/admin", "queue": "/admin/SupportRequests?filter=all", "delete": "/admin/Delete?q=Evil.Package",
                   "listing": "/admin/Listing?q=Evil.Package", "reservations": "/admin/Reservations",
                   "accounts": "/admin/Accounts?q=alice", "audit": "/admin/Audit", "contact owners": "/packages/Evil.Package/2.0.0/ContactOwners",
                   "owner support": "/packages/Evil.Package/2.0.0/ReportMyPackage"}
    drivers = []
    try:
        for theme in ["light", "dark"]:
            driver = fixture.chrome(dark=theme == "dark")
            drivers.append(driver)
            for name, path in pages.items():
                axe_check(driver, server, f"{name} ({theme})", path)
            sign_in(driver, server, "root", "root-password-1")
            for name, path in admin_pages.items():
                if name == "owner support":
                    continue
                axe_check(driver, server, f"{name} ({theme})", path)
        phone = fixture.chrome(width=390, height=844)
        drivers.append(phone)
        sign_in(phone, server, "root", "root-password-1")
        for name, path in {**pages, **admin_pages}.items():
            if name == "owner support":
                continue
            phone.get(server.base + path)
            overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            check(f"phone {name}: no horizontal scrolling", overflow <= 0, f"{overflow}px too wide")
    finally:
        for driver in drivers:
            driver.quit()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    skipped = fixture.skip_unless_tools("desk browser tests")
    if skipped is not None:
        return skipped
    server = fixture.PalletServer(sys.argv[1]).start()
    driver = None
    try:
        for version in ["1.0.0", "2.0.0"]:
            server.push(fixture.nupkg("Evil.Package", version, description="Looks useful."))
        server.push(fixture.nupkg("Locked.Package", "1.0.0"))
        driver = fixture.chrome()
        report_reaches_queue(driver, server)
        admin_deletes(driver, server)
        read_paths_agree(driver, server)
        lock_refuses_push(driver, server)
        non_admin_forbidden(driver, server)
        contact_owners(driver, server)
        accessibility(server)
    except Exception:
        traceback.print_exc()
        check("desk browser tests ran to the end", False)
    finally:
        if driver:
            driver.quit()
        server.stop()
    return fixture.summary()


if __name__ == "__main__":
    sys.exit(main())
