#!/usr/bin/env python3
"""Browser tests of the self-service management pages (issue 15, manage): Debian's headless chromium driven by
Selenium against a real `pallet serve` (scripts/web_fixture.py) with its mail going to a real aiosmtpd.

Walks what people do, by the labels a person reads:
register → confirm by the mailed link → create an API key → push with it over the NuGet API → the package page
shows it; the unlist walkthrough of shared/seeds/deleting-packages.md step by step (`/Delete` leads to Manage,
untick "List in search results", Save), then search no longer shows the version and the exact version still
downloads; an owner request accepted by the other account; an organization whose collaborator manages its
package but not its members; another person's Manage page is 403; upload through the web. axe-core checks
every page built here.

Usage: python3 scripts/web-browser-tests-manage.py .build/debug/pallet      prints `N passed, M failed`.
Skips (exit 0, with the reason) when chromium, chromedriver, selenium or aiosmtpd is missing, unless
PALLET_REQUIRE_BROWSER=1 (CI sets it: there they must run)."""
import json
import os
import re
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_fixture as fixture  # noqa: E402
from web_fixture import by_label, check, status_of, submit  # noqa: E402


def axe(driver, name):
    fixture.axe_check(driver, name)


def register(driver, server, name):
    """Registers `name` in a clean browser and confirms the email by the link aiosmtpd caught."""
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/Register")
    by_label(driver, "Username").send_keys(name)
    by_label(driver, "Email").send_keys(f"{name}@example.com")
    by_label(driver, "Password").send_keys(f"{name}-password-1")
    submit(driver, "Register")
    mail = server.mail_to(f"{name}@example.com")
    link = re.search(r"https?://\S+/account/Confirm\?token=[A-Za-z0-9_-]+", mail or "")
    check(f"{name}: register mails a confirmation link", link is not None, (mail or "no mail")[:200])
    if link:
        driver.get(link.group(0))
        check(f"{name}: the mailed link confirms the email", "Your email address is confirmed" in driver.page_source)


def sign_in(driver, server, name):
    fixture.sign_in(driver, server, name, f"{name}-password-1", fresh=True)


def key_and_push(driver, server):
    """erin creates a key on the page (Unlist ticked, her packages by glob), pushes two versions with it."""
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/account/apikeys")
    check("API keys page has Create and Manage sections",
          [h.text for h in driver.find_elements(By.CSS_SELECTOR, "h2")][:2] == ["Create", "Manage"])
    by_label(driver, "Key name").send_keys("erin-ci")
    by_label(driver, "Unlist package").click()
    by_label(driver, "Glob pattern").send_keys("Erin.*")
    submit(driver, "Create")
    secrets = driver.find_elements(By.ID, "new-api-key")
    secret = secrets[0].text if secrets else ""
    check("the new key is shown once", secret.startswith("pallet_"), driver.page_source[:200])
    server.push(fixture.nupkg("Erin.Walk", "3.0.0", readme="# Erin.Walk\n"), key=secret)
    server.push(fixture.nupkg("Erin.Walk", "3.0.1", readme="# Erin.Walk\n"), key=secret)
    check("register → confirm → key → push: the package page shows it", server.wait_for("/packages/Erin.Walk", "3.0.1"))
    driver.get(server.base + "/account/apikeys")
    check("the Manage list shows the key with its scopes", "erin-ci" in driver.page_source
          and "Unlist package" in driver.find_element(By.CSS_SELECTOR, ".key-list").text)
    axe(driver, "API keys with a key")
    # Trusted publishing: a GitHub Actions policy made by its labels.
    from selenium.webdriver.support.ui import Select
    driver.get(server.base + "/account/trustedpublishing")
    by_label(driver, "Policy name").send_keys("release")
    Select(by_label(driver, "CI/CD provider")).select_by_visible_text("GitHub Actions")
    by_label(driver, "Repository owner").send_keys("erin")
    by_label(driver, "Repository").send_keys("walk")
    by_label(driver, "Workflow file").send_keys("release.yml")
    submit(driver, "Create")
    check("a trusted publishing policy is added and listed", "erin/walk, workflow release.yml" in driver.page_source)
    axe(driver, "trusted publishing")


def edit_key_and_filter(driver, server):
    """erin edits her key's packages on the key's own page (Edit, tick Erin.Walk, Save), then finds her package
    with Manage Packages' filter (a GET form: no script needed)."""
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/account/apikeys")
    check("the list sends one checkbox per package (the create form's), not one more per key",
          len(driver.find_elements(By.XPATH, "//input[@type='checkbox' and @value='Erin.Walk']")) == 1)
    fixture.click_and_wait(driver, "//a[normalize-space()='Edit the packages of erin-ci']")
    check("Edit opens the key's own page", re.search(r"/account/apikeys/\d+/Edit$", driver.current_url) is not None,
          driver.current_url)
    check("the key's glob is in its field", by_label(driver, "Glob pattern").get_attribute("value") == "Erin.*")
    box = by_label(driver, "Erin.Walk")
    check("Erin.Walk is not ticked yet", not box.is_selected())
    axe(driver, "API key Edit page")
    box.click()
    submit(driver, "Save")
    check("saving returns to the list with a notice", "are saved" in driver.page_source)
    check("the list shows the key's new selection", "Erin.*, Erin.Walk" in driver.find_element(By.CSS_SELECTOR, ".key-list").text)
    driver.get(server.base + "/account/Packages")
    by_label(driver, "Filter by ID").send_keys("walk")
    submit(driver, "Filter")
    check("the filter is a GET: the address carries it", "q=walk" in driver.current_url, driver.current_url)
    check("the filter finds Erin.Walk", "Erin.Walk" in driver.find_element(By.CSS_SELECTOR, ".manage-table").text)
    field = by_label(driver, "Filter by ID")
    field.clear()
    field.send_keys("nothing-matches")
    submit(driver, "Filter")
    check("a filter with no match says so", "No published package ID contains" in driver.page_source)
    axe(driver, "Manage Packages filtered")


def unlist_walkthrough(driver, server):
    """shared/seeds/deleting-packages.md, "Unlist a specific package version", step by step."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    driver.get(server.base + "/packages/Erin.Walk/3.0.1/")
    driver.get(server.base + "/packages/Erin.Walk/3.0.1/Delete")
    check("…/Delete lands on the Manage page", "/packages/Erin.Walk/3.0.1/Manage" in driver.current_url, driver.current_url)
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    check("Manage shows Owners, Deprecation, Listing, Documentation",
          headings == ["Owners", "Deprecation", "Listing", "Documentation"], str(headings))
    check("the Listing version selector names the version",
          Select(by_label(driver, "Version")).first_selected_option.get_attribute("value") == "3.0.1")
    listed = by_label(driver, "List in search results")
    check("List in search results is ticked for a listed version", listed.is_selected())
    listed.click()
    submit(driver, "Save", within="listing")
    check("Save says the version is unlisted", "The version is unlisted" in driver.page_source)
    axe(driver, "Manage page")
    # Verification, as the seed says: anonymously the version is gone; signed in, it is there, marked.
    _, anonymous = server.get("/packages/Erin.Walk")
    check("a visitor's package page no longer lists 3.0.1", ">3.0.1</a>" not in anonymous and ">3.0.0</a>" in anonymous)
    driver.get(server.base + "/packages/Erin.Walk")
    check("the owner sees 3.0.1 marked unlisted and a Manage package link",
          "unlisted" in driver.find_element(By.ID, "versions").get_attribute("textContent") and driver.find_elements(By.LINK_TEXT, "Manage package"))
    _, search = server.get("/v3/query?q=Erin.Walk")
    versions = [p["version"] for p in json.loads(search)["data"]]
    check("search no longer shows 3.0.1", versions == ["3.0.0"], str(versions))
    check("the exact version still downloads", status_of(server, "/v3/flat/erin.walk/3.0.1/erin.walk.3.0.1.nupkg") == 200)


def owner_request(driver, server):
    """erin asks finn to co-own Erin.Walk; finn accepts from Manage Packages."""
    from selenium.webdriver.common.by import By
    driver.get(server.base + "/packages/Erin.Walk/3.0.0/Manage")
    by_label(driver, "Username").send_keys("finn")
    by_label(driver, "Message").send_keys("Please help maintain Erin.Walk.")
    submit(driver, "Add")
    check("the request shows as pending", "(pending approval" in driver.page_source)
    mail = server.mail_to("finn@example.com")
    check("finn is mailed the request with the message", mail is not None and "Please help maintain" in mail
          and "erin@example.com" not in mail, (mail or "no mail")[:300])
    sign_in(driver, server, "finn")
    fixture.find(driver, "//details[contains(@class, 'account-menu')]/summary").click()
    fixture.click_and_wait(driver, "//a[normalize-space()='Manage Packages']")
    check("finn's Manage Packages lists the received request", "Ownership Requests (Received)" in driver.page_source
          and "Erin.Walk" in driver.page_source)
    axe(driver, "Manage Packages with a request")
    submit(driver, "Accept ownership of Erin.Walk")
    check("accepting makes finn an owner", "finn is now an owner of Erin.Walk" in driver.page_source)
    driver.get(server.base + "/packages/Erin.Walk/3.0.0/Manage")
    owners = driver.find_element(By.ID, "owners").text
    check("the Manage page lists both owners", "erin" in owners and "finn" in owners, owners)


def organization(driver, server):
    """erin makes an organization, invites gus as Collaborator, uploads a package for it through the web; gus
    manages the package but not the members; gus cannot open a package he has no part in."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    sign_in(driver, server, "erin")
    driver.get(server.base + "/account/Organizations")
    fixture.click_and_wait(driver, "//a[normalize-space()='Add new organization']")
    by_label(driver, "Organization name").send_keys("ErinWorks")
    by_label(driver, "Organization email").send_keys("team@erinworks.test")
    submit(driver, "Add")
    check("adding an organization opens its page", "Manage ErinWorks" in driver.page_source)
    by_label(driver, "Username").send_keys("gus")
    Select(by_label(driver, "Role")).select_by_visible_text("Collaborator")
    submit(driver, "Add")
    check("gus is invited", "(pending, as Collaborator)" in driver.page_source)
    axe(driver, "organization page")
    # Upload through the web, owned by the organization.
    path = os.path.join(tempfile.mkdtemp(prefix="pallet-upload-"), "ErinWorks.Lib.1.0.0.nupkg")
    with open(path, "wb") as file:
        file.write(fixture.nupkg("ErinWorks.Lib", "1.0.0", readme="# ErinWorks.Lib\n\nUploaded **through the web**.",
                                 dependencies=[("netstandard2.0", [("Erin.Walk", "[3.0.0, )")])]))
    driver.get(server.base + "/packages/manage/upload")
    by_label(driver, "Package file").send_keys(path)
    submit(driver, "Upload")
    page = driver.page_source
    check("the upload is reviewed before publishing", "Verify" in page and "ErinWorks.Lib" in page and "Erin.Walk" in page
          and "through the web" in page)
    axe(driver, "upload review")
    Select(by_label(driver, "Package owner")).select_by_visible_text("ErinWorks")
    submit(driver, "Submit")
    check("submitting publishes: the package page", driver.current_url.endswith("/packages/ErinWorks.Lib/1.0.0"), driver.current_url)
    check("the uploaded package is owned by the organization", "ErinWorks" in driver.find_element(By.CSS_SELECTOR, ".owner-list").text)
    # gus: another person's Manage page is 403 before he joins.
    sign_in(driver, server, "gus")
    check("another person's Manage page is 403", status_of_signed_in(driver, server, "/packages/Erin.Walk/3.0.0/Manage") == 403)
    driver.get(server.base + "/account/Organizations")
    submit(driver, "Accept the invitation to ErinWorks")
    check("gus joined as Collaborator", "You joined ErinWorks." in driver.page_source)
    driver.get(server.base + "/packages/ErinWorks.Lib/1.0.0/Manage")
    check("the collaborator opens the organization's package's Manage page", "Manage ErinWorks.Lib" in driver.page_source)
    by_label(driver, "List in search results").click()
    submit(driver, "Save", within="listing")
    check("the collaborator unlists a version", "The version is unlisted" in driver.page_source)
    driver.get(server.base + "/organization/ErinWorks/ManageOrganization")
    check("the collaborator sees the members but cannot change them",
          "erin" in driver.page_source and not driver.find_elements(By.XPATH, "//button[normalize-space()='Add']")
          and not driver.find_elements(By.XPATH, "//button[normalize-space()='Remove']"))


def status_of_signed_in(driver, server, path):
    """The status of a page for the browser's session (fetched by the page itself, same origin)."""
    driver.get(server.base + "/")
    return driver.execute_script(
        "const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send(); return x.status;", path)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    skipped = fixture.skip_unless_tools("manage browser tests")
    if skipped is not None:
        return skipped
    server = fixture.PalletServer(sys.argv[1]).start()
    driver = None
    try:
        driver = fixture.chrome()
        register(driver, server, "finn")
        register(driver, server, "gus")
        register(driver, server, "erin")
        key_and_push(driver, server)
        edit_key_and_filter(driver, server)
        unlist_walkthrough(driver, server)
        owner_request(driver, server)
        organization(driver, server)
        phone = fixture.chrome(width=390, height=844)
        try:
            sign_in(phone, server, "erin")
            phone.get(server.base + "/account/apikeys")
            from selenium.webdriver.common.by import By
            edits = [a.get_attribute("href") for a in phone.find_elements(By.XPATH, "//a[starts-with(normalize-space(), 'Edit')]")]
            check("phone: the API keys page links each key's Edit page", len(edits) >= 1)
            for path in ["/packages/Erin.Walk/3.0.0/Manage", "/account/Packages", "/account/apikeys", "/packages/manage/upload"] + edits[:1]:
                phone.get(path if path.startswith("http") else server.base + path)
                overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                check(f"phone {path}: no horizontal scrolling", overflow <= 0, f"{overflow}px too wide")
        finally:
            phone.quit()
    except Exception:
        traceback.print_exc()
        check("manage browser tests ran to the end", False)
    finally:
        if driver:
            driver.quit()
        server.stop()
    return fixture.summary()


if __name__ == "__main__":
    sys.exit(main())
