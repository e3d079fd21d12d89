#!/usr/bin/env python3
"""Browser tests of the web gallery: Debian's headless chromium driven by Selenium against a real
`pallet serve` seeded with packages (scripts/web_fixture.py).

Every page is opened and its content checked; the hostile package leaves `window` untouched (no alert,
no script ran); the tabs work from the keyboard; axe-core (bundled by axe-selenium-python, no network)
finds no serious or critical accessibility violation on any page, in light and dark.

Usage: python3 scripts/web-browser-tests.py .build/debug/pallet      prints `N passed, M failed`.
Skips (exit 0, with the reason) when chromium, chromedriver or selenium is missing, unless
PALLET_REQUIRE_BROWSER=1 (CI sets it: there they must run)."""
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_fixture as fixture  # noqa: E402

from web_fixture import by_label, check, submit  # noqa: E402

PAGES = {
    "home": "/",
    "search": "/packages?q=contoso",
    "browse": "/packages",
    "package": "/packages/Contoso.Json",
    "package version": "/packages/Contoso.Json/1.0.0",
    "prerelease": "/packages/Contoso.Json/2.1.0-preview.1",
    "unlisted": "/packages/Contoso.Legacy/1.0.0",
    "tool": "/packages/Contoso.Tool",
    "license": "/packages/Contoso.Json/2.0.0/license",
    "user profile": "/profiles/alice",
    "organization profile": "/profiles/Contoso",
    "stats": "/stats",
    "not found": "/packages/No.Such.Package",
    "hostile": "/packages/Hostile.Package",
    "sign in": "/users/account/LogOn",
    "register": "/users/account/Register",
}
# Pages only a signed-in person sees (axe-checked while root is signed in).
SIGNED_IN_PAGES = {"api keys": "/account/apikeys"}


def page_basics(driver, server, name, path):
    from selenium.webdriver.common.by import By
    driver.get(server.base + path)
    h1 = driver.find_elements(By.TAG_NAME, "h1")
    check(f"{name}: exactly one h1", len(h1) == 1, f"found {len(h1)}")
    search = driver.find_elements(By.CSS_SELECTOR, "input[aria-label='Search packages']")
    check(f"{name}: a search field named 'Search packages'", len(search) >= 1)
    check(f"{name}: main landmark and skip link",
          driver.find_elements(By.CSS_SELECTOR, "main#main") and driver.find_elements(By.CSS_SELECTOR, "a.skip-link[href='#main']"))
    logs = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"
            and "404" not in entry.get("message", "") and "favicon" not in entry.get("message", "")]
    check(f"{name}: no console errors (CSP violations show here)", not logs, str(logs)[:400])


def axe_check(driver, server, name, path):
    fixture.axe_check(driver, name, server, path)


def package_page(driver, server):
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/packages/Contoso.Json")
    h1 = driver.find_element(By.TAG_NAME, "h1").text
    check("package: h1 has the id and the version", "Contoso.Json" in h1 and "2.0.0" in h1, h1)
    tabs = [t.text for t in driver.find_elements(By.CSS_SELECTOR, ".body-tabs [role=tab]")]
    check("package: body tabs", tabs == ["README", "Frameworks", "Dependencies", "Versions", "Release notes"], str(tabs))
    for link in ["Download package", "Project website", "Source repository", "License Info", "Contact owners", "Report package"]:
        check(f"package: link '{link}'", len(driver.find_elements(By.LINK_TEXT, link)) == 1)
    owners = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".owner-list a")]
    check("package: owners link to /profiles/{name}", owners == [server.base + "/profiles/Contoso"], str(owners))
    snippet = driver.find_element(By.ID, "snippet-cli").get_attribute("textContent")
    check("package: .NET CLI snippet", snippet == "dotnet add package Contoso.Json --version 2.0.0", snippet)
    chart = driver.find_elements(By.CSS_SELECTOR, "svg[role=img]")
    name = chart[0].find_element(By.TAG_NAME, "title").get_attribute("textContent") if chart else ""
    check("package: chart is an svg role=img named with 'downloads'", "downloads" in name, name)
    check("package: README rendered", driver.find_elements(By.CSS_SELECTOR, ".markdown table"))
    check("package: newer prerelease notice", "newer prerelease version" in driver.page_source)
    copy = driver.find_elements(By.CSS_SELECTOR, "button.copy-button")
    check("package: copy buttons shown with script", copy and copy[0].is_displayed())


def keyboard_tabs(driver, server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    driver.get(server.base + "/packages/Contoso.Json")
    readme = driver.find_element(By.ID, "tab-readme")
    check("tabs: README selected first", readme.get_attribute("aria-selected") == "true")
    check("tabs: only the selected tab is in the tab order",
          [t.get_attribute("tabindex") for t in driver.find_elements(By.CSS_SELECTOR, ".body-tabs [role=tab]")] == ["0", "-1", "-1", "-1", "-1"])
    readme.send_keys(Keys.ARROW_RIGHT)
    active = driver.switch_to.active_element
    check("tabs: ArrowRight moves focus to Frameworks", active.get_attribute("id") == "tab-frameworks", active.get_attribute("id"))
    check("tabs: Frameworks panel shown, README hidden",
          driver.find_element(By.ID, "frameworks").is_displayed() and not driver.find_element(By.ID, "readme").is_displayed())
    active.send_keys(Keys.END)
    active = driver.switch_to.active_element
    check("tabs: End moves to Release notes", active.get_attribute("id") == "tab-release-notes")
    check("tabs: Release notes panel shows the notes", "Faster parsing" in driver.find_element(By.ID, "release-notes").text)
    active.send_keys(Keys.ARROW_RIGHT)
    check("tabs: ArrowRight wraps to README", driver.switch_to.active_element.get_attribute("id") == "tab-readme")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    check("tabs: Tab leaves the tab list for the panel", driver.switch_to.active_element.get_attribute("id") == "readme")
    driver.get(server.base + "/packages/Contoso.Json#versions")
    check("tabs: #versions in the address opens that tab", driver.find_element(By.ID, "versions").is_displayed())


def hostile(driver, server):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    for path in ["/packages/Hostile.Package", "/packages?q=hostile", "/profiles/alice", "/packages/Hostile.Package/1.0.0/license", "/"]:
        driver.get(server.base + path)
        try:
            driver.switch_to.alert
            alert = True
        except NoAlertPresentException:
            alert = False
        check(f"hostile {path}: no alert", not alert)
        pwned = driver.execute_script("return typeof window.pwned")
        check(f"hostile {path}: window untouched (window.pwned is undefined)", pwned == "undefined", pwned)
        scripts = driver.execute_script("return Array.from(document.scripts).map(s => s.src)")
        check(f"hostile {path}: only our own script", len(scripts) == 1 and "/assets/" in scripts[0], str(scripts))
        check(f"hostile {path}: no img/iframe from the package",
              not driver.find_elements(By.CSS_SELECTOR, "iframe, img[src='x'], img[onerror]"))
    driver.get(server.base + "/packages/Hostile.Package")
    check("hostile: description shown as text", "<script>window.pwned=1</script>" in driver.find_element(By.ID, "readme").text
          or "<script>" in driver.page_source.replace("&lt;script&gt;", "<script>"))
    links = [a.get_attribute("href") or "" for a in driver.find_elements(By.CSS_SELECTOR, "a")]
    check("hostile: no javascript: link", not any(h.lower().startswith("javascript:") for h in links))


def content(server):
    status, body = server.get("/packages/No.Such.Package")
    check("404: unknown package is an HTML 404", status == 404 and "<h1" in body)
    status, body = server.get("/profiles/nobody")
    check("404: unknown profile is an HTML 404", status == 404 and "<h1" in body)
    status, body = server.get("/v3/nothing/here")
    check("404: NuGet endpoints keep plain text", status == 404 and "<html" not in body)
    check("downloads reach the page after the flush",
          server.wait_for("/packages/Contoso.Json", "Downloads per day over the last 90 days: 17 downloads in total"))
    status, body = server.get("/profiles/Contoso")
    check("organization profile lists members", "alice" in body and "bob" in body and "Contoso.Json" in body)
    status, body = server.get("/packages/Contoso.Json/atom.xml")
    check("atom feed lists versions", status == 200 and body.count("<entry>") == 4)


def confirm_and_push(driver, server):
    """dora confirms her email by the mailed link (read from aiosmtpd), creates a key and pushes with it."""
    import re
    from selenium.webdriver.common.by import By
    if server.smtp is None:
        check("aiosmtpd catches the confirmation mail", os.environ.get("PALLET_REQUIRE_BROWSER") != "1",
              "aiosmtpd is not installed (pip install aiosmtpd)")
        return
    mail = server.mail_to("dora@example.com")
    link = re.search(r"https?://\S+/account/Confirm\?token=[A-Za-z0-9_-]+", mail or "")
    check("register mails a confirmation link", link is not None, (mail or "no mail")[:300])
    if not link:
        return
    driver.get(link.group(0))
    check("the mailed link confirms the email", "Your email address is confirmed" in driver.page_source)
    driver.get(server.base + "/account/apikeys")
    by_label(driver, "Key name").send_keys("dora-ci")
    by_label(driver, "Glob pattern").send_keys("Dora.*")
    submit(driver, "Create")
    secrets = driver.find_elements(By.ID, "new-api-key")
    secret = secrets[0].text if secrets else ""
    check("dora's new key is shown once", secret.startswith("pallet_"), driver.page_source[:300])
    if secret:
        server.push(fixture.nupkg("Dora.Pushed", "1.0.0"), key=secret)
        check("register → confirm → key → push: the package page shows it",
              server.wait_for("/packages/Dora.Pushed", "Dora.Pushed"))


def accounts(driver, server):
    """Register, sign out from the header menu, sign in by email and as the admin the CLI made."""
    from selenium.webdriver.common.by import By
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/Register")
    by_label(driver, "Username").send_keys("dora")
    by_label(driver, "Email").send_keys("dora@example.com")
    by_label(driver, "Password").send_keys("dora-password-1")
    submit(driver, "Register")
    menu = driver.find_elements(By.CSS_SELECTOR, "details.account-menu summary")
    check("register: signed in, the header shows the name", len(menu) == 1 and menu[0].text == "dora",
          driver.page_source[:300])
    if not menu:
        return
    driver.find_element(By.CSS_SELECTOR, "details.account-menu summary").click()
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "details.account-menu li")]
    check("account menu items", names == ["API Keys", "Manage Packages", "Manage Organizations", "Account Settings", "Sign out"],
          str(names))
    confirm_and_push(driver, server)
    driver.get(server.base + "/")
    driver.find_element(By.CSS_SELECTOR, "details.account-menu summary").click()
    submit(driver, "Sign out")
    check("sign out: the header offers Sign in again", len(driver.find_elements(By.LINK_TEXT, "Sign in")) == 1)
    driver.get(server.base + "/packages/Contoso.Json")
    driver.get(driver.find_element(By.LINK_TEXT, "Sign in").get_attribute("href"))
    check("sign in page has the forgot-password link", len(driver.find_elements(By.LINK_TEXT, "Forgot your password?")) == 1)
    by_label(driver, "Username or email").send_keys("dora@example.com")
    by_label(driver, "Password").send_keys("dora-password-1")
    submit(driver, "Sign in")
    check("sign in by email returns to the page it started from",
          driver.current_url == server.base + "/packages/Contoso.Json"
          and driver.find_element(By.CSS_SELECTOR, "details.account-menu summary").text == "dora", driver.current_url)
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/LogOn")
    by_label(driver, "Username or email").send_keys("root")
    by_label(driver, "Password").send_keys("wrong-password")
    submit(driver, "Sign in")
    check("a wrong password is refused with a sentence", "do not match an account" in driver.page_source)
    by_label(driver, "Password").send_keys("root-password-1")
    submit(driver, "Sign in")
    check("the admin from `create-user --password-stdin` signs in",
          driver.find_element(By.CSS_SELECTOR, "details.account-menu summary").text == "root")
    # Create a key on the page, then push with it over the NuGet API.
    driver.get(server.base + "/account/apikeys")
    by_label(driver, "Key name").send_keys("browser")
    by_label(driver, "Glob pattern").send_keys("Browser.*")
    check("Push new packages and package versions is the default",
          by_label(driver, "Push").is_selected() and by_label(driver, "Push new packages and package versions").is_selected())
    submit(driver, "Create")
    secrets = driver.find_elements(By.ID, "new-api-key")
    secret = secrets[0].text if secrets else ""
    check("the new key is shown once", secret.startswith("pallet_"), driver.page_source[:300])
    if secret:
        server.push(fixture.nupkg("Browser.Pushed", "1.0.0"), key=secret)
        check("the key made on the page pushes; the package page shows it",
              server.wait_for("/packages/Browser.Pushed", "Browser.Pushed"))
        driver.get(server.base + "/account/apikeys")
        check("the secret is not shown again", secret not in driver.page_source)
    for name, path in SIGNED_IN_PAGES.items():
        axe_check(driver, server, name + " (signed in)", path)
    axe_check(driver, server, "home (signed in)", "/")
    driver.delete_all_cookies()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    skipped = fixture.skip_unless_tools("browser tests", modules=(("selenium", "selenium"), ("axe_selenium_python", "axe-selenium-python")))
    if skipped is not None:
        return skipped
    server = fixture.PalletServer(sys.argv[1]).start()
    drivers = []
    try:
        server.seed()
        content(server)
        light = fixture.chrome()
        drivers.append(light)
        for name, path in PAGES.items():
            page_basics(light, server, name, path)
        package_page(light, server)
        keyboard_tabs(light, server)
        hostile(light, server)
        accounts(light, server)
        for name, path in PAGES.items():
            axe_check(light, server, name + " (light)", path)
        dark = fixture.chrome(dark=True)
        drivers.append(dark)
        for name in ["home", "search", "package", "stats", "organization profile"]:
            axe_check(dark, server, name + " (dark)", PAGES[name])
        phone = fixture.chrome(width=390, height=844)
        drivers.append(phone)
        for name in ["home", "package"]:
            phone.get(server.base + PAGES[name])
            overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            check(f"phone {name}: no horizontal scrolling", overflow <= 0, f"{overflow}px too wide")
    except Exception:
        traceback.print_exc()
        check("browser tests ran to the end", False)
    finally:
        for driver in drivers:
            driver.quit()
        server.stop()
    return fixture.summary()


if __name__ == "__main__":
    sys.exit(main())
