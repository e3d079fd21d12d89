#!/usr/bin/env python3
"""Regenerates docs/screenshots/: the web gallery's pages at desktop and phone width, light and dark,
from a real `pallet serve` seeded like the browser tests (scripts/web_fixture.py).

Usage: python3 scripts/screenshots.py .build/debug/pallet [PAGE...]    (needs chromium, chromium-driver, selenium)
With PAGE names (keys of PAGES), only those are written."""
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
    # Accounts, second part (issue 15).
    "forgot-password": "/account/ForgotPassword",
    "reset-password": "/account/ResetPassword?token=example",
    "account": "/account",
    "account-delete": "/account/delete",
    "account-transform": "/account/transform",
    "header-menu": "/",
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
    # manage (issue 15): as dana, an owner of Contoso.Json and an admin of Contoso (made below).
    "manage": "/packages/Contoso.Json/2.0.0/Manage",
    "account-packages": "/account/Packages",
    "organizations": "/account/Organizations",
    "organization-add": "/organization/add",
    "organization-manage": "/organization/Contoso/ManageOrganization",
    "upload": "/packages/manage/upload",
    "upload-review": "/packages/manage/upload",
    "trusted-publishing": "/account/trustedpublishing",
    # accountscale: dana's keys page (her packages' checkboxes, a key), that key's Edit page, a filtered Manage Packages.
    "api-keys-owner": "/account/apikeys",
    "api-key-edit": "/account/apikeys",
    "account-packages-filtered": "/account/Packages?q=json",
    # OpenID Connect (a real oidc-provider-mock): the first sign-in's username page, reached through the provider.
    "oidc-choose-username": "/users/account/LogOn",
}
SIGNED_IN = {"api-keys", "account", "account-delete", "account-transform", "header-menu", "contact-owners", "admin",
             "admin-support-requests", "admin-delete", "admin-listing", "admin-reservations", "admin-accounts", "admin-audit"}
# Pages reached by signing in through the OpenID provider (a fresh flow each time).
THROUGH_PROVIDER = {"oidc-choose-username"}
SUBJECT = {"sub": "kim-1234", "email": "kim@example.com", "email_verified": True, "preferred_username": "kim"}
# Pages shown with the header's account menu open.
MENU_OPEN = {"header-menu"}
# Shown to an anonymous visitor (the cookies are dropped first).
SIGNED_OUT = {"admin-forbidden"}
# Pages shown to dana, and the password she signs in with (after root's and the anonymous pages).
MANAGE = {"manage", "account-packages", "organizations", "organization-add", "organization-manage", "upload", "upload-review",
          "trusted-publishing", "api-keys-owner", "api-key-edit", "account-packages-filtered"}
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


def add_manager(server):
    """dana: a password, an owner of Contoso.Json, an admin of Contoso, a pending owner request and invitation."""
    server.admin("create-user", "dana", "--email", "dana@example.com", "--password-stdin", input="dana-password-1\n")
    server.admin("add-owner", "Contoso.Json", "dana")
    server.admin("add-member", "Contoso", "dana", "--role", "admin")
    server.admin("create-api-key", "--user", "dana", "--name", "release", "--glob", "Contoso.*", "--package", "Contoso.Json")


def upload_for_review(driver, server):
    """Uploads a package on the upload page so the screenshot shows the Verify step (cancelled afterwards by a new upload)."""
    import tempfile
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    cancel = driver.find_elements(By.XPATH, "//button[normalize-space()='Cancel']")
    if cancel:
        old = driver.find_element(By.TAG_NAME, "html")
        cancel[0].click()
        WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old))
    path = os.path.join(tempfile.mkdtemp(prefix="pallet-shot-"), "Contoso.Uploaded.1.0.0.nupkg")
    with open(path, "wb") as file:
        file.write(fixture.nupkg("Contoso.Uploaded", "1.0.0", description="Uploaded through the web gallery.",
                                 readme="# Contoso.Uploaded\n\nReviewed before it is published.",
                                 dependencies=[("netstandard2.0", [("Contoso.Json", "[2.0.0, )")])],
                                 extra="<license type=\"expression\">MIT</license>"))
    driver.find_element(By.ID, "package-file").send_keys(path)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, "//button[normalize-space()='Upload']").click()
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old))


def through_provider(driver, server):
    """LogOn → "Sign in with Mock IdP" → the provider's page → the predefined subject: Pallet's next page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    driver.delete_cookie("pallet_session")
    driver.get(server.base + "/users/account/LogOn")
    for xpath in ["//button[normalize-space()='Sign in with Mock IdP']", f"//button[@name='sub' and @value='{SUBJECT['sub']}']"]:
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.XPATH, xpath).click()
        WebDriverWait(driver, 15).until(expected_conditions.staleness_of(old))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    only = set(sys.argv[2:])
    pages = {name: path for name, path in PAGES.items() if not only or name in only}
    out = os.path.join(ROOT, "docs", "screenshots")
    os.makedirs(out, exist_ok=True)
    # The sign-in page shows a provider button when PyPI's oidc-provider-mock is installed.
    try:
        import oidc_provider_mock  # noqa: F401
        provider = fixture.OIDCMockProvider(SUBJECT)
    except ImportError:
        provider = None
        pages = {name: path for name, path in pages.items() if name not in THROUGH_PROVIDER}
    server = fixture.PalletServer(sys.argv[1])
    if provider:
        server.env.update(provider.pallet_environment())
    server.start()
    try:
        server.seed()
        server.wait_for("/packages/Contoso.Json", "17 downloads in total")
        server.add_history_and_deprecation()
        add_manager(server)
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
                    for name, path in pages.items():
                        if name in SIGNED_IN and not driver.get_cookie("pallet_session"):
                            sign_in(driver, server, "root", "root-password-1")
                        if name in MANAGE and name == "manage":
                            driver.delete_all_cookies()
                            sign_in(driver, server, "dana", "dana-password-1")
                        if name in SIGNED_OUT:
                            driver.delete_all_cookies()
                        if name in THROUGH_PROVIDER:
                            through_provider(driver, server)
                        else:
                            driver.get(server.base + path)
                        if name in MENU_OPEN:
                            driver.execute_script("document.querySelector('details.account-menu').open = true")
                        if name == "upload-review":
                            upload_for_review(driver, server)
                        if name == "api-key-edit":
                            from selenium.webdriver.common.by import By
                            driver.get(driver.find_element(By.XPATH, "//a[starts-with(normalize-space(), 'Edit')]").get_attribute("href"))
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
        if provider:
            provider.stop()
    # Smaller files in git when Debian's optipng is there (lossless).
    if shutil.which("optipng"):
        written = [os.path.join(out, f"{name}-{size}-{theme}.png") for name in pages for size in SIZES for theme in ["light", "dark"]]
        subprocess.run(["optipng", "-quiet", "-o2", *sorted(f for f in written if os.path.exists(f))], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
