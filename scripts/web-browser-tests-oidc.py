#!/usr/bin/env python3
"""Browser test of OpenID Connect sign-in (issue 15) through a real provider: PyPI's oidc-provider-mock 0.3.4 on
127.0.0.1, a real `pallet serve` (scripts/web_fixture.py) with PALLET_OIDC_* pointing at it, Debian's headless
chromium driven by Selenium.

Covers: axe-core on the sign-in and choose-username pages; the LogOn page's "Sign in with Mock IdP" button → the provider's authorize page, where the person picks
a subject → back to Pallet, which asks for a username → signed in, with the provider's verified email counted
as confirmed; the next sign-in with the same subject goes straight in; the account page lists the login.

Usage: python3 scripts/web-browser-tests-oidc.py .build/debug/pallet      prints `N passed, M failed`.
Skips (exit 0, with the reason) when chromium, chromedriver, selenium or oidc-provider-mock is missing, unless
PALLET_REQUIRE_BROWSER=1 (CI sets it)."""
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_fixture as fixture  # noqa: E402
from web_fixture import by_label, check, click_and_wait, signed_in_as  # noqa: E402

SUBJECT = {"sub": "kim-1234", "email": "kim@example.com", "email_verified": True, "preferred_username": "kim"}


def axe_check(driver, name):
    """axe-core on the page as it is (the username page cannot be opened again: its flow is single-use)."""
    fixture.axe_check(driver, name)


def sign_in_at_provider(driver, server, provider):
    """LogOn → "Sign in with Mock IdP" → the provider's page → pick the predefined subject."""
    driver.get(server.base + "/users/account/LogOn")
    click_and_wait(driver, "//button[normalize-space()='Sign in with Mock IdP']")
    check("the button leads to the provider's authorize page", driver.current_url.startswith(provider.issuer + "/oauth2/authorize"),
          driver.current_url)
    check("the request carries PKCE S256", "code_challenge_method=S256" in driver.current_url)
    click_and_wait(driver, f"//button[@name='sub' and @value='{SUBJECT['sub']}']")


def run(driver, server, provider):
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/LogOn")
    axe_check(driver, "the sign-in page with a provider")
    sign_in_at_provider(driver, server, provider)
    check("first sign-in asks for a username", "Choose a username" in driver.page_source, driver.current_url)
    axe_check(driver, "the choose-username page")
    username = by_label(driver, "Username")
    check("the username is suggested from preferred_username", username.get_attribute("value") == "kim")
    check("the email comes from the ID token", by_label(driver, "Email").get_attribute("value") == SUBJECT["email"])
    click_and_wait(driver, "//button[normalize-space()='Create account']")
    check("the new account is signed in", signed_in_as(driver) == "kim", driver.current_url)
    driver.get(server.base + "/account")
    check("the verified email counts as confirmed", "(confirmed)" in driver.page_source)
    check("/account lists the login with Unlink", "Unlink Mock IdP" in driver.page_source)
    check("no password: the only login cannot be unlinked",
          "Mock IdP is your only way to sign in" in unlink(driver))

    driver.delete_all_cookies()
    sign_in_at_provider(driver, server, provider)
    check("the next sign-in goes straight in", signed_in_as(driver) == "kim", driver.current_url)


def unlink(driver):
    click_and_wait(driver, "//button[@aria-label='Unlink Mock IdP']")
    return driver.page_source


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    skipped = fixture.skip_unless_tools("OpenID Connect browser test", modules=(
        ("selenium", "selenium"), ("axe_selenium_python", "axe-selenium-python"), ("oidc_provider_mock", "oidc-provider-mock==0.3.4")))
    if skipped is not None:
        return skipped
    provider = fixture.OIDCMockProvider(SUBJECT)
    server = fixture.PalletServer(sys.argv[1])
    server.env.update(provider.pallet_environment())
    driver = None
    try:
        server.start()
        driver = fixture.chrome()
        run(driver, server, provider)
    except Exception:
        traceback.print_exc()
        check("OpenID Connect browser test ran to the end", False)
    finally:
        if driver:
            driver.quit()
        server.stop()
        provider.stop()
    return fixture.summary()


if __name__ == "__main__":
    sys.exit(main())
