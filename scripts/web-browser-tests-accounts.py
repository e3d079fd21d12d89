#!/usr/bin/env python3
"""Browser tests of signing in and account settings (issue 15): Debian's headless chromium driven by Selenium
against a real `pallet serve` (scripts/web_fixture.py) whose mail goes to a real aiosmtpd.

Covers: register → confirm by the mailed link → sign in; forgot password end to end; a session ends on sign-out
and on a password change made elsewhere; a form posted without its CSRF token is refused; an open redirect is
refused; throttling engages; account settings, delete and transform pages pass axe-core; no password or
session id is in the SQLite database or the server log.

Usage: python3 scripts/web-browser-tests-accounts.py .build/debug/pallet      prints `N passed, M failed`.
Skips (exit 0, with the reason) when chromium, chromedriver, selenium or aiosmtpd is missing, unless
PALLET_REQUIRE_BROWSER=1 (CI sets it)."""
import glob
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import web_fixture as fixture  # noqa: E402
from web_fixture import axe_check, by_label, check, sign_in, signed_in_as, submit  # noqa: E402

PASSWORD = "Dora-Unmistakable-1"
NEW_PASSWORD = "Dora-Fresh-Secret-2"


def register_confirm_sign_in(driver, server):
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/Register")
    by_label(driver, "Username").send_keys("dora")
    by_label(driver, "Email").send_keys("dora@example.com")
    by_label(driver, "Password").send_keys(PASSWORD)
    submit(driver, "Register")
    check("register signs in", signed_in_as(driver) == "dora")
    link = server.mail_link("dora@example.com", "/account/Confirm")
    check("register mails a confirmation link (aiosmtpd)", link is not None)
    if link:
        driver.get(link)
        check("the mailed link confirms the email", "Your email address is confirmed" in driver.page_source)
    driver.delete_all_cookies()
    sign_in(driver, server, "dora", PASSWORD)
    check("register → confirm → sign in", signed_in_as(driver) == "dora")


def sessions_end(server):
    """A session ends on sign-out, and on a password change made in another browser."""
    first, second = fixture.chrome(), fixture.chrome()
    try:
        sign_in(first, server, "dora", PASSWORD)
        old_cookie = first.get_cookie("pallet_session")["value"]
        fixture.find(first, "//details[contains(@class, 'account-menu')]/summary").click()
        submit(first, "Sign out")
        check("sign out: the header offers Sign in again", signed_in_as(first) is None)
        # The old cookie, put back by hand, no longer opens a session.
        first.add_cookie({"name": "pallet_session", "value": old_cookie, "path": "/"})
        first.get(server.base + "/account")
        check("a signed-out session id is dead", "/users/account/LogOn" in first.current_url, first.current_url)

        sign_in(first, server, "dora", PASSWORD)
        sign_in(second, server, "dora", PASSWORD)
        second.get(server.base + "/account")
        by_label(second, "Current password").send_keys(PASSWORD)
        by_label(second, "New password").send_keys(NEW_PASSWORD)
        by_label(second, "Confirm password").send_keys(NEW_PASSWORD)
        submit(second, "Change password")
        check("change password: this browser stays signed in", "Your password is changed" in second.page_source
              and signed_in_as(second) == "dora")
        first.get(server.base + "/account")
        check("change password: the other browser's session ended", "/users/account/LogOn" in first.current_url,
              first.current_url)
        return second.get_cookie("pallet_session")["value"]
    finally:
        first.quit()
        second.quit()


def forgot_password(driver, server):
    driver.delete_all_cookies()
    driver.get(server.base + "/users/account/LogOn")
    driver.find_element("link text", "Forgot your password?").click()
    by_label(driver, "Email").send_keys("nobody@example.com")
    submit(driver, "Send")
    unknown = driver.find_element("css selector", "main").text
    driver.get(server.base + "/account/ForgotPassword")
    seen = server.mail_link("dora@example.com", "/account/ResetPassword", seconds=0)
    by_label(driver, "Email").send_keys("dora@example.com")
    submit(driver, "Send")
    known = driver.find_element("css selector", "main").text
    check("forgot password answers the same for known and unknown addresses", unknown == known, f"{unknown!r} / {known!r}")
    link = server.mail_link("dora@example.com", "/account/ResetPassword", seen=(seen,))
    check("forgot password mails a reset link (aiosmtpd)", link is not None)
    if not link:
        return
    driver.get(link)
    by_label(driver, "New password").send_keys(PASSWORD)
    by_label(driver, "Confirm password").send_keys(PASSWORD)
    submit(driver, "Reset password")
    check("the reset link sets the new password", "Your password is changed" in driver.page_source)
    sign_in(driver, server, "dora", PASSWORD)
    check("sign in with the reset password", signed_in_as(driver) == "dora")
    driver.get(link)
    by_label(driver, "New password").send_keys(NEW_PASSWORD)
    by_label(driver, "Confirm password").send_keys(NEW_PASSWORD)
    submit(driver, "Reset password")
    check("the reset link works once", "This password reset link is unknown, was used already" in driver.page_source)


def csrf_and_redirect(driver, server):
    driver.delete_all_cookies()
    sign_in(driver, server, "dora", PASSWORD)
    driver.get(server.base + "/account")
    # Strip the token from the Notifications form, as a forged cross-site form would lack it.
    driver.execute_script("""document.querySelector('form[action="/account/Preferences"] input[name="__RequestVerificationToken"]').remove()""")
    submit(driver, "Save")
    check("a form posted without its CSRF token is refused", "This form cannot be accepted" in driver.page_source)
    for target in ["//evil.example/", "https://evil.example/", "/\\evil.example/"]:
        driver.delete_all_cookies()
        driver.get(server.base + "/")
        from urllib.parse import quote
        sign_in(driver, server, "dora", PASSWORD, "/users/account/LogOn?ReturnUrl=" + quote(target, safe=""))
        check(f"open redirect to {target} refused", driver.current_url == server.base + "/", driver.current_url)


def throttling(driver, server):
    driver.delete_all_cookies()
    for _ in range(5):
        sign_in(driver, server, "root", "wrong-password")
    sign_in(driver, server, "root", "root-password-1")
    check("throttling engages: the right password is refused with when to retry",
          "Too many failed sign-in attempts. Try again in 15 minutes." in driver.page_source and signed_in_as(driver) is None)


def account_pages(driver, server):
    driver.delete_all_cookies()
    sign_in(driver, server, "dora", PASSWORD)
    for name, path in [("account settings", "/account"), ("delete account", "/account/delete"),
                       ("transform", "/account/transform"), ("forgot password", "/account/ForgotPassword"),
                       ("reset password", "/account/ResetPassword?token=example")]:
        axe_check(driver, name, server, path)
    driver.get(server.base + "/account")
    by_label(driver, "Allow others to contact me").click()
    submit(driver, "Save")
    check("preferences are saved", "Your notification preferences are saved." in driver.page_source
          and not by_label(driver, "Allow others to contact me").is_selected())
    phone = fixture.chrome(width=390, height=844)
    try:
        sign_in(phone, server, "dora", PASSWORD)
        for path in ["/account", "/account/delete", "/account/transform"]:
            phone.get(server.base + path)
            overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            check(f"phone {path}: no horizontal scrolling", overflow <= 0, f"{overflow}px too wide")
    finally:
        phone.quit()


def nothing_in_clear(server, session_ids):
    secrets = [PASSWORD, NEW_PASSWORD, "root-password-1"] + [s for s in session_ids if s]
    files = [f for f in glob.glob(os.path.join(server.data, "**", "*"), recursive=True) if os.path.isfile(f)]
    files.append(server.log.name)
    server.log.flush()
    for secret in secrets:
        hits = []
        for name in files:
            with open(name, "rb") as handle:
                if secret.encode() in handle.read():
                    hits.append(os.path.basename(name))
        check(f"no password or session id in the database or the log ({secret[:6]}…)", not hits, str(hits))


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    skipped = fixture.skip_unless_tools("account browser tests")
    if skipped is not None:
        return skipped
    server = fixture.PalletServer(sys.argv[1]).start()
    driver = None
    try:
        driver = fixture.chrome()
        register_confirm_sign_in(driver, server)
        session_ids = [driver.get_cookie("pallet_session")["value"]]
        session_ids.append(sessions_end(server))
        forgot_password(driver, server)
        csrf_and_redirect(driver, server)
        session_ids.append((driver.get_cookie("pallet_session") or {}).get("value"))
        account_pages(driver, server)
        throttling(driver, server)
        nothing_in_clear(server, session_ids)
    except Exception:
        traceback.print_exc()
        check("account browser tests ran to the end", False)
    finally:
        if driver:
            driver.quit()
        server.stop()
    return fixture.summary()


if __name__ == "__main__":
    sys.exit(main())
