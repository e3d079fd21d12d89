#!/usr/bin/env python3
"""Regenerates docs/screenshots/: the web gallery's pages at desktop and phone width, light and dark,
from a real `pallet serve` seeded like the browser tests (scripts/web_fixture.py).

Usage: python3 scripts/screenshots.py .build/debug/pallet    (needs chromium, chromium-driver, selenium)"""
import glob
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import web_fixture as fixture  # noqa: E402

PAGES = {
    "home": "/",
    "search": "/packages?q=contoso",
    "package": "/packages/Contoso.Json",
    "unlisted": "/packages/Contoso.Legacy/1.0.0",
    "deprecated": "/packages/Fabrikam.Logging",
    "profile": "/profiles/Contoso",
    "stats": "/stats",
    "404": "/packages/No.Such.Package",
    "sign-in": "/users/account/LogOn",
    "register": "/users/account/Register",
    # desk (issue 16): anonymous report form and the policies.
    "report-abuse": "/packages/Contoso.Tool/0.9.0/ReportAbuse",
    "policy-terms": "/policies/Terms",
    "package-locked": "/packages/Tailspin.Maps",
    "package-deleted": "/packages/Northwind.Orders/4.0.0",
    # After signing in as root (the fixture's admin with a password): the header menu and the keys page.
    "api-keys": "/account/apikeys",
    # desk: root's contact form and the /admin tools.
    "contact-owners": "/packages/Contoso.Tool/0.9.0/ContactOwners",
    "admin": "/admin",
    "admin-support-requests": "/admin/SupportRequests",
    "admin-delete": "/admin/Delete?q=Contoso.Json",
    "admin-listing": "/admin/Listing?q=Contoso.Json",
    "admin-reservations": "/admin/Reservations",
    "admin-accounts": "/admin/Accounts?q=alice",
    "admin-audit": "/admin/Audit",
    "admin-forbidden": "/admin",
}
SIGNED_IN = {"api-keys", "contact-owners", "admin", "admin-support-requests", "admin-delete", "admin-listing",
             "admin-reservations", "admin-accounts", "admin-audit"}
# Shown to an anonymous visitor (the cookies are dropped first).
SIGNED_OUT = {"admin-forbidden"}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def sign_in(driver, server, name, password):
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/users/account/LogOn")
    driver.find_element(By.ID, "login").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, "//button[normalize-space()='Sign in']").click()
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old))


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    out = os.path.join(ROOT, "docs", "screenshots")
    os.makedirs(out, exist_ok=True)
    server = fixture.PalletServer(sys.argv[1]).start()
    try:
        server.seed()
        server.wait_for("/packages/Contoso.Json", "17 downloads in total")
        server.add_history_and_deprecation()
        # desk: a report in the queue, a reservation with a verified id.
        server.report("Contoso.Tool", "0.9.0", "Other", "reporter@example.com", "The tool uploads the project folder somewhere.")
        server.admin("reserve-prefix", "Contoso.*", "--owner", "Contoso")
        server.admin("lock-package", "Tailspin.Maps")
        server.admin("delete-package", "Northwind.Orders", "4.0.0", "--reason", "Contains illegal content (signed: Root)")
        server.wait_for("/packages/Northwind.Orders/4.0.0", "policy violation")
        for size, (width, height) in SIZES.items():
            for theme in ["light", "dark"]:
                driver = fixture.chrome(width, height, dark=theme == "dark")
                try:
                    for name, path in PAGES.items():
                        if name in SIGNED_IN and not driver.get_cookie("pallet_session"):
                            sign_in(driver, server, "root", "root-password-1")
                        if name in SIGNED_OUT:
                            driver.delete_all_cookies()
                        driver.get(server.base + path)
                        # Full page height, capped so a long page stays a readable image.
                        full = driver.execute_script("return document.documentElement.scrollHeight")
                        metrics = {"width": width, "deviceScaleFactor": 1, "mobile": width < 600}
                        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                               dict(metrics, height=min(max(full, height), 2400)))
                        file = os.path.join(out, f"{name}-{size}-{theme}.png")
                        driver.save_screenshot(file)
                        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(metrics, height=height))
                        print("wrote", os.path.relpath(file, ROOT))
                finally:
                    driver.quit()
    finally:
        server.stop()
    # Smaller files in git when Debian's optipng is there (lossless).
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", *sorted(glob.glob(os.path.join(out, "*.png")))], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
